import { DATASET_FILES, DatasetFile, datasetFileName, LineError, LineWarning } from './dataset-records';

/** What happened to one valid line once the domain service had it. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface FileReport {
  file: string;
  /** False when the folder has no such file (experts.jsonl may be absent). */
  present: boolean;
  /** Non-blank lines read. */
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Lines that failed validation or were refused by the domain service. */
  skipped: number;
  errors: LineError[];
  /** Imported lines with something dropped (e.g. an unknown industry). */
  warnings: LineWarning[];
}

export interface ImportReport {
  folder: string;
  organisationSet: string;
  files: Record<DatasetFile, FileReport>;
  organisations: { created: number; reused: number };
}

export function emptyFileReport(file: DatasetFile, present: boolean): FileReport {
  return {
    file: datasetFileName(file),
    present,
    lines: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    errors: [],
    warnings: [],
  };
}

export function countOutcome(report: FileReport, outcome: ImportOutcome): void {
  report[outcome] += 1;
}

/** Created or updated: the lines that changed something. */
export function importedCount(report: FileReport): number {
  return report.created + report.updated;
}

export function totalSkipped(report: ImportReport): number {
  return DATASET_FILES.reduce((sum, file) => sum + report.files[file].skipped, 0);
}

/** The report as the CLI prints it: a table of counts, then every skipped line and warning with its line number. */
export function formatReport(report: ImportReport): string {
  const out: string[] = [`Imported ${report.folder} into organisation set "${report.organisationSet}"`];
  out.push(`Organisations: ${report.organisations.created} created, ${report.organisations.reused} reused`);
  const header = ['file', 'lines', 'imported', 'created', 'updated', 'unchanged', 'skipped', 'warnings'];
  const rows = DATASET_FILES.map((file) => {
    const r = report.files[file];
    if (!r.present) return [r.file, '(absent)', '', '', '', '', '', ''];
    return [r.file, r.lines, importedCount(r), r.created, r.updated, r.unchanged, r.skipped, r.warnings.length].map(
      String,
    );
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  out.push(render(header), ...rows.map(render));
  for (const file of DATASET_FILES) {
    const r = report.files[file];
    for (const error of r.errors) out.push(`skipped ${r.file}:${error.line}: ${error.reason}`);
    for (const warning of r.warnings) out.push(`warning ${r.file}:${warning.line}: ${warning.reason}`);
  }
  return out.join('\n');
}

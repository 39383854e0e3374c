// The platform's one CSV writer (libs/core): quoting, CRLF, formula cells neutralised; `toExcelCsv` adds the
// UTF-8 BOM so that Excel on Chinese Windows reads Chinese right. A pure module, shared as source: @app/core's
// barrel would bring Nest and TypeORM into the browser, so this one file is imported directly.
// eslint-disable-next-line no-restricted-imports
export { neutraliseCsvCell, toCsv, toExcelCsv, UTF8_BOM } from '../../../../../libs/core/src/csv/csv';

/** Saves text as a file through the browser's download (the CSV exports). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

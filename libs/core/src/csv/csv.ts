/**
 * A text cell a spreadsheet would evaluate — starting with =, +, -, @, a TAB or a CR — gets a leading apostrophe,
 * so it shows as text (CSV injection, OWASP). Numbers are written as numbers: they carry no formula.
 */
export function neutraliseCsvCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF. Every
 * text cell goes through neutraliseCsvCell. The one CSV writer of the platform: exports use it, never their own.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  const cell = (value: string | number | null | undefined): string => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'number' ? String(value) : neutraliseCsvCell(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The UTF-8 byte order mark: Excel on Chinese Windows reads a CSV as GBK without it, and garbles Chinese. */
export const UTF8_BOM = '\uFEFF';

/**
 * toCsv for people who open the file in Excel: the same cells, preceded by the UTF-8 BOM. The caller chooses the
 * header's language (column names and value labels are the caller's; the writer only writes).
 */
export function toExcelCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return UTF8_BOM + toCsv(header, rows);
}

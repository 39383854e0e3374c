/** A generated document handed to the client through GraphQL: its name, type and bytes (base64). */
export interface ExportFile {
  fileName: string;
  contentType: string;
  base64: string;
  byteLength: number;
}

/** UTF-8 with a byte-order mark, so Excel on Chinese Windows opens it as UTF-8 rather than GBK. */
export function csvFile(fileName: string, csv: string): ExportFile {
  const bytes = Buffer.from(`\uFEFF${csv}`, 'utf8');
  return {
    fileName,
    contentType: 'text/csv; charset=utf-8',
    base64: bytes.toString('base64'),
    byteLength: bytes.length,
  };
}

export function pdfFile(fileName: string, pdf: Buffer): ExportFile {
  return { fileName, contentType: 'application/pdf', base64: pdf.toString('base64'), byteLength: pdf.length };
}

export function jsonFile(fileName: string, document: unknown): ExportFile {
  const bytes = Buffer.from(JSON.stringify(document, null, 2), 'utf8');
  return { fileName, contentType: 'application/json', base64: bytes.toString('base64'), byteLength: bytes.length };
}

import { execFile } from 'node:child_process';

/** Reads a PDF from stdin with pdf.js and prints its pages' text as JSON. */
const EXTRACT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false }).promise;
const pages = [];
for (let number = 1; number <= document.numPages; number += 1) {
  const content = await (await document.getPage(number)).getTextContent();
  pages.push(content.items.map((item) => item.str ?? '').join(''));
}
process.stdout.write(JSON.stringify(pages));
`;

/**
 * The text of a PDF, page by page, as a reader sees it: extracted by Mozilla's pdf.js through the fonts' ToUnicode
 * maps. pdf.js is an ES module Jest cannot load, so it runs in a child Node process.
 */
export function extractPdfText(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '--eval', EXTRACT],
      { cwd: __dirname, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`pdf.js failed: ${error.message} ${stderr}`));
        resolve(JSON.parse(stdout) as string[]);
      },
    );
    child.stdin!.end(pdf);
  });
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * PDFs with Chinese rendered correctly, in pure JavaScript: pdfkit embeds (and subsets to the glyphs used) the
 * Noto Sans SC fonts of the @fontsource package the web app also uses — its "chinese-simplified" file covers
 * the common simplified characters and CJK punctuation, its "latin" file Latin text, and the numbered
 * unicode-range files of its stylesheet anything rarer. Text is cut into runs by the font that has each
 * character, so one line may switch fonts; the PDF carries a ToUnicode map, so its text can be extracted.
 */
interface FontFace {
  name: string;
  file: string;
  covers: (codePoint: number) => boolean;
}

const FONT_DIR = dirname(require.resolve('@fontsource/noto-sans-sc/400.css'));

let faces: FontFace[] | undefined;
const buffers = new Map<string, Buffer>();

function loadFaces(): FontFace[] {
  if (faces) return faces;
  const primary = ['chinese-simplified', 'latin'].map((subset) => {
    const file = join(FONT_DIR, 'files', `noto-sans-sc-${subset}-400-normal.woff`);
    const font = fontkit.create(fontBuffer(file)) as fontkit.Font;
    return { name: `noto-${subset}`, file, covers: (codePoint: number) => font.hasGlyphForCodePoint(codePoint) };
  });
  // The stylesheet's unicode-range subsets, for characters outside the two files above.
  const css = readFileSync(join(FONT_DIR, '400.css'), 'utf8');
  const ranged: FontFace[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+-400-normal\.woff)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range || !/^noto-sans-sc-\d+-/.test(file)) continue;
    const spans = range.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to ?? from, 16)] as const;
    });
    ranged.push({
      name: file.replace(/\.woff$/, ''),
      file: join(FONT_DIR, 'files', file),
      covers: (codePoint) => spans.some(([from, to]) => codePoint >= from && codePoint <= to),
    });
  }
  faces = [...primary, ...ranged];
  return faces;
}

/** A font file as a plain TrueType/OpenType buffer, read and unpacked once per process. */
function fontBuffer(file: string): Buffer {
  let buffer = buffers.get(file);
  if (!buffer) {
    buffer = woffToSfnt(readFileSync(file));
    buffers.set(file, buffer);
  }
  return buffer;
}

/**
 * Unpacks a WOFF 1.0 file (zlib-compressed tables) into the TrueType/OpenType file it wraps. fontkit reads WOFF
 * itself, but re-inflates tables on every document: embedding the 1.5 MB simplified-Chinese file took ~7 s per PDF
 * on a busy 2-core machine, ~0.1 s from the unpacked buffer (measured).
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) return woff; // not 'wOFF': already a plain font
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressedLength = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compressedLength);
    return {
      tag: woff.readUInt32BE(entry),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressedLength < length ? inflateSync(stored) : Buffer.from(stored),
    };
  });
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector += 1;
  const searchRange = (1 << entrySelector) * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = header.length;
  const bodies = tables.map((table, index) => {
    const entry = 12 + index * 16;
    header.writeUInt32BE(table.tag, entry);
    header.writeUInt32BE(table.checksum, entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(table.data.length, entry + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    offset += padded.length;
    return padded;
  });
  return Buffer.concat([header, ...bodies]);
}

/** Splits text into runs of one font each (a character no font has stays with the run before it). */
export function fontRuns(text: string): Array<{ face: string; file: string; text: string }> {
  const all = loadFaces();
  const runs: Array<{ face: string; file: string; text: string }> = [];
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const face =
      /\s/.test(character) && runs.length > 0
        ? all.find((candidate) => candidate.name === runs[runs.length - 1].face)!
        : (all.find((candidate) => candidate.covers(codePoint)) ?? all[0]);
    const last = runs[runs.length - 1];
    if (last && last.face === face.name) last.text += character;
    else runs.push({ face: face.name, file: face.file, text: character });
  }
  return runs;
}

export interface PdfTableColumn {
  header: string;
  /** Share of the line width. */
  width: number;
  align?: 'left' | 'right';
}

const MARGIN = 50;

/** A simple report: title, headings, paragraphs, key–value lines and tables, A4, Chinese and Latin text. */
export class CjkPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly registered = new Set<string>();

  constructor(meta: { title: string; subject?: string }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      info: { Title: meta.title, Subject: meta.subject ?? meta.title, Producer: '科技成果转化平台' },
      lang: 'zh-CN',
      bufferPages: true,
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  /** Writes text in runs of one font each, flowing as one paragraph. */
  private write(text: string, size: number, options: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {}) {
    const runs = fontRuns(text.length > 0 ? text : ' ');
    this.doc.fontSize(size);
    runs.forEach((run, index) => {
      if (!this.registered.has(run.face)) {
        this.doc.registerFont(run.face, fontBuffer(run.file));
        this.registered.add(run.face);
      }
      this.doc.font(run.face);
      const continued = index < runs.length - 1;
      const { x, y, ...rest } = options;
      if (index === 0 && x !== undefined && y !== undefined) this.doc.text(run.text, x, y, { ...rest, continued });
      else this.doc.text(run.text, { ...rest, continued });
    });
  }

  title(text: string): this {
    this.write(text, 18, { align: 'center' });
    this.doc.moveDown(0.8);
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(60);
    this.doc.moveDown(0.6);
    this.write(text, 13);
    this.doc.moveDown(0.3);
    return this;
  }

  paragraph(text: string, size = 10): this {
    this.write(text, size, { width: this.width });
    this.doc.moveDown(0.3);
    return this;
  }

  keyValues(pairs: ReadonlyArray<readonly [string, string | number | null | undefined]>): this {
    for (const [key, value] of pairs) this.paragraph(`${key}：${value === null || value === undefined ? '—' : value}`);
    return this;
  }

  table(
    columns: readonly PdfTableColumn[],
    rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
  ): this {
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * this.width);
    const drawRow = (cells: ReadonlyArray<string | number | null | undefined>, size: number) => {
      this.ensureSpace(30);
      const top = this.doc.y;
      let bottom = top;
      let x = MARGIN;
      cells.forEach((cell, index) => {
        const text = cell === null || cell === undefined ? '—' : String(cell);
        this.write(text, size, {
          x: x + 2,
          y: top + 2,
          width: widths[index] - 4,
          align: columns[index].align ?? 'left',
        });
        bottom = Math.max(bottom, this.doc.y);
        x += widths[index];
      });
      this.doc
        .moveTo(MARGIN, bottom + 2)
        .lineTo(MARGIN + this.width, bottom + 2)
        .lineWidth(0.5)
        .strokeColor('#999999')
        .stroke();
      this.doc.x = MARGIN;
      this.doc.y = bottom + 4;
    };
    drawRow(
      columns.map((column) => column.header),
      9.5,
    );
    for (const row of rows) drawRow(row, 9);
    this.doc.moveDown(0.5);
    return this;
  }

  private ensureSpace(points: number): void {
    if (this.doc.y + points > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  async toBuffer(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

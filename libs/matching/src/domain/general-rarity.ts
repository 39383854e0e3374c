import { idf } from '@node-rs/jieba/dict';

const HAN = /\p{Script=Han}/u;
let table: { idf: Map<string, number>; max: number } | undefined;

function generalIdf() {
  if (!table) {
    const values = new Map<string, number>();
    let max = 0;
    for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
      const space = line.lastIndexOf(' ');
      if (space <= 0) continue;
      const value = Number(line.slice(space + 1));
      if (!Number.isFinite(value)) continue;
      values.set(line.slice(0, space), value);
      max = Math.max(max, value);
    }
    table = { idf: values, max };
  }
  return table;
}

/**
 * How specialised a Chinese word is in the language at large, in (0, 1]: its IDF in jieba's table (computed on a
 * large general corpus) over the table's highest. In a catalogue of a few hundred listings 数据, 范围 or 多个 can be
 * as rare as 菌种 or 文件系统, but only the latter say what the demand is about; multiplying the corpus rarity by
 * this tells them apart. A word the table lacks is as specialised as can be. English words get 1 (no table is
 * bundled for English; the English stop-word list does the coarse part of this job).
 */
export function generalSpecificity(word: string): number {
  if (!HAN.test(word)) return 1;
  const { idf: values, max } = generalIdf();
  const value = values.get(word);
  return value === undefined || max <= 0 ? 1 : Math.min(1, value / max);
}

/**
 * Whether a key term reads as a whole word when shown to a person: English words always; a Chinese word when the
 * general table knows it, or when it has 3 characters or more (a technical term the table lacks, 热管理, 四氢嘧啶).
 * Jieba's unknown-word model also cuts 2-character fragments across word boundaries (电池包热管理 → 电池|包热|管理):
 * they still count for coverage, but are not shown as reasons.
 */
export function isWholeWord(term: string): boolean {
  if (!HAN.test(term)) return true;
  return generalIdf().idf.has(term) || [...term].length >= 3;
}

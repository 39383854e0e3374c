import { MatchDocument, MatchTargetType } from './match-document';
import { analyze, latinWords } from './text-analysis';
import { segmentWords } from './segmenter';

/**
 * Document frequencies over the indexed corpus (achievements and experts together), the basis of every IDF:
 * BM25 term weights and the rarity of a demand's key terms. Keys are analysis tokens (Han bigrams, English
 * stems) plus whole Chinese words of three or more characters from segmentation. Serialisable as JSON.
 */
export interface CorpusStats {
  documentCount: number;
  df: Record<string, number>;
  /** Average token count per field, per target type (BM25 length normalisation). */
  averageFieldLength: Partial<Record<MatchTargetType, Record<string, number>>>;
  /**
   * The Latin words of the corpus as written (lower-cased): documents per word, and the words sorted, to find
   * those that start with a prefix (what an English search term is searched as: see meilisearchQueriesOf).
   */
  latinWords: { df: Record<string, number>; sorted: string[] };
}

const HAN_WORD = /^\p{Script=Han}{3,}$/u;

/** The distinct DF keys of one document. */
export function documentTerms(doc: Pick<MatchDocument, 'fields'>): Set<string> {
  const terms = new Set<string>();
  for (const text of Object.values(doc.fields)) {
    if (!text) continue;
    for (const token of analyze(text)) terms.add(token);
    for (const word of segmentWords(text)) if (HAN_WORD.test(word)) terms.add(word);
  }
  return terms;
}

/** The distinct Latin words of one document as written (lower-cased). */
export function documentLatinWords(doc: Pick<MatchDocument, 'fields'>): Set<string> {
  const words = new Set<string>();
  for (const text of Object.values(doc.fields)) {
    if (text) for (const word of latinWords(text)) words.add(word);
  }
  return words;
}

/** Counts a document's Latin words into statistics already built (a listing indexed since they were read). */
export function addLatinWords(stats: CorpusStats, words: Iterable<string>): void {
  const { df, sorted } = stats.latinWords;
  for (const word of words) {
    if (df[word] === undefined) sorted.splice(lowerBound(sorted, word), 0, word);
    df[word] = (df[word] ?? 0) + 1;
  }
}

/** The commonest corpus words that start with `prefix` (at most `limit`, commonest first). */
export function wordsWithPrefix(stats: CorpusStats, prefix: string, limit: number): string[] {
  const { df, sorted } = stats.latinWords;
  const found: string[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++)
    found.push(sorted[i]);
  return found.sort((a, b) => df[b] - df[a] || (a < b ? -1 : 1)).slice(0, limit);
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class CorpusStatsBuilder {
  private documentCount = 0;
  private readonly df = new Map<string, number>();
  private readonly lengthSums = new Map<MatchTargetType, Map<string, { sum: number; count: number }>>();
  private readonly latinDf = new Map<string, number>();

  add(doc: MatchDocument): this {
    this.documentCount++;
    for (const term of documentTerms(doc)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    for (const word of documentLatinWords(doc)) this.latinDf.set(word, (this.latinDf.get(word) ?? 0) + 1);
    let byField = this.lengthSums.get(doc.type);
    if (!byField) this.lengthSums.set(doc.type, (byField = new Map<string, { sum: number; count: number }>()));
    for (const [field, text] of Object.entries(doc.fields)) {
      const entry = byField.get(field) ?? { sum: 0, count: 0 };
      entry.sum += text ? analyze(text).length : 0;
      entry.count++;
      byField.set(field, entry);
    }
    return this;
  }

  build(): CorpusStats {
    const averageFieldLength: CorpusStats['averageFieldLength'] = {};
    for (const [type, byField] of this.lengthSums) {
      averageFieldLength[type] = Object.fromEntries(
        [...byField].map(([field, { sum, count }]) => [field, count === 0 ? 0 : sum / count]),
      );
    }
    // Code-unit order, as lowerBound compares.
    const sorted = [...this.latinDf.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      documentCount: this.documentCount,
      df: Object.fromEntries(this.df),
      averageFieldLength,
      latinWords: { df: Object.fromEntries(this.latinDf), sorted },
    };
  }
}

/** Robertson–Spärck Jones IDF as BM25 uses it (never negative). A term the corpus never saw is as rare as can be. */
export function inverseDocumentFrequency(stats: CorpusStats, term: string): number {
  const n = Math.max(stats.documentCount, 1);
  const df = Math.min(stats.df[term] ?? 0, n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

import { MatchDocument, MatchTargetType } from './match-document';
import { analyze } from './text-analysis';
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

export class CorpusStatsBuilder {
  private documentCount = 0;
  private readonly df = new Map<string, number>();
  private readonly lengthSums = new Map<MatchTargetType, Map<string, { sum: number; count: number }>>();

  add(doc: MatchDocument): this {
    this.documentCount++;
    for (const term of documentTerms(doc)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
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
    return { documentCount: this.documentCount, df: Object.fromEntries(this.df), averageFieldLength };
  }
}

/** Robertson–Spärck Jones IDF as BM25 uses it (never negative). A term the corpus never saw is as rare as can be. */
export function inverseDocumentFrequency(stats: CorpusStats, term: string): number {
  const n = Math.max(stats.documentCount, 1);
  const df = Math.min(stats.df[term] ?? 0, n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

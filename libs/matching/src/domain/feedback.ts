import { CorpusStats } from './corpus-stats';
import { MatchQuery, SearchTerm, candidateTerms, meilisearchQueriesOf, rarity, searchFormOf } from './match-query';
import { MatchingConfig } from './matching-config';
import { AnalyzedDocument } from './scoring';
import { analyze } from './text-analysis';

/** A word that characterises a document: frequent in it, rare in the corpus. */
export interface SalientWord {
  word: string;
  tokens: string[];
  weight: number;
}

/** The document's words by tf × rarity, best first (Chinese words from segmentation, English words). */
export function salientWords(doc: AnalyzedDocument, stats: CorpusStats, limit = 30): SalientWord[] {
  const counts = new Map<string, number>();
  for (const text of Object.values(doc.doc.fields)) {
    if (!text) continue;
    for (const word of candidateTerms(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words: SalientWord[] = [];
  for (const [word, count] of counts) {
    const tokens = [...new Set(analyze(word))];
    if (tokens.length === 0) continue;
    words.push({ word, tokens, weight: (1 + Math.log(count)) * rarity(stats, word, tokens) });
  }
  words.sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word));
  return words.slice(0, limit);
}

export interface Feedback {
  /** Words to search with (ones the demand's own queries did not already use). */
  searchTerms: SearchTerm[];
  /** Token → weight of the feedback term set, on the scale of the demand's own token weights. */
  tokenWeights: Map<string, number>;
}

/**
 * Pseudo-relevance feedback from the first pass's best documents (each weighted by its share of their scores):
 * their most characteristic words, summed over the documents, the best `config.feedback.terms` kept.
 */
export function feedbackFrom(
  query: MatchQuery,
  top: ReadonlyArray<{ doc: AnalyzedDocument; score: number; salient: readonly SalientWord[] }>,
  stats: CorpusStats,
  config: MatchingConfig,
): Feedback {
  const totalScore = top.reduce((sum, t) => sum + t.score, 0);
  const combined = new Map<string, { tokens: string[]; weight: number }>();
  for (const { score, salient } of top) {
    if (salient.length === 0 || totalScore <= 0) continue;
    const best = salient[0].weight;
    for (const word of salient) {
      const entry = combined.get(word.word) ?? { tokens: word.tokens, weight: 0 };
      entry.weight += (score / totalScore) * (word.weight / best);
      combined.set(word.word, entry);
    }
  }
  const ranked = [...combined]
    .sort((a, b) => b[1].weight - a[1].weight || a[0].localeCompare(b[0]))
    .slice(0, config.feedback.terms);
  const queryWeights = [...query.tokenWeights.values()];
  const scale = queryWeights.length === 0 ? 1 : queryWeights.reduce((a, b) => a + b, 0) / queryWeights.length;
  const tokenWeights = new Map<string, number>();
  for (const [, { tokens, weight }] of ranked) {
    for (const token of tokens)
      tokenWeights.set(token, Math.max(tokenWeights.get(token) ?? 0, (weight / Math.sqrt(tokens.length)) * scale));
  }
  const searched = new Set(query.searchTerms.map((t) => t.text));
  const searchTerms = ranked
    .filter(([word]) => !searched.has(searchFormOf(word)))
    .slice(0, Math.max(...Object.values(config.feedback.searchTerms)))
    .map(([word, { weight }]) => ({
      text: searchFormOf(word),
      weight: weight * scale,
      queries: meilisearchQueriesOf(word, stats),
    }));
  return { searchTerms, tokenWeights };
}

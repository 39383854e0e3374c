import { MatchTargetType } from './match-document';

/** A target found by the demand's embedding, with the cosine similarity of the two vectors (−1–1). */
export interface SemanticHit {
  type: MatchTargetType;
  id: string;
  similarity: number;
}

/**
 * The semantic relevance the scoring blends in, by `${type}:${id}`: cosine similarity min–max scaled over the
 * hits of the same type (the nearest 1, the farthest found 0). Raw cosines of a model sit in a narrow band that
 * depends on the model (e.g. 0.2–0.6); scaled, the signal spreads like the normalised text score it joins.
 * A target not found (farther than every hit) gets nothing.
 */
export function semanticRelevance(hits: readonly SemanticHit[]): Map<string, number> {
  const range = new Map<MatchTargetType, { min: number; max: number }>();
  for (const { type, similarity } of hits) {
    const current = range.get(type) ?? { min: similarity, max: similarity };
    range.set(type, { min: Math.min(current.min, similarity), max: Math.max(current.max, similarity) });
  }
  const relevance = new Map<string, number>();
  for (const { type, id, similarity } of hits) {
    const { min, max } = range.get(type)!;
    relevance.set(`${type}:${id}`, max > min ? (similarity - min) / (max - min) : 1);
  }
  return relevance;
}

/**
 * Meilisearch's `_rankingScore` of a pure vector search is (1 + cosine) / 2 (0 for a document without a vector).
 * Undefined for a document without one.
 */
export function cosineFromRankingScore(rankingScore: unknown): number | undefined {
  if (typeof rankingScore !== 'number' || !(rankingScore > 0)) return undefined;
  return Math.min(1, 2 * rankingScore - 1);
}

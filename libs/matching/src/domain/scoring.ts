import { CorpusStats, inverseDocumentFrequency } from './corpus-stats';
import { MatchDemand, MatchDocument, MatchTargetType } from './match-document';
import { MatchingConfig } from './matching-config';
import { MatchQuery } from './match-query';
import { analyze, termFrequencies } from './text-analysis';

/** A document's tokens per field, computed once per candidate. */
export interface AnalyzedDocument {
  doc: MatchDocument;
  fieldTf: Record<string, Map<string, number>>;
  fieldLength: Record<string, number>;
  tokens: Set<string>;
}

export function analyzeDocument(doc: MatchDocument): AnalyzedDocument {
  const fieldTf: Record<string, Map<string, number>> = {};
  const fieldLength: Record<string, number> = {};
  const tokens = new Set<string>();
  for (const [field, text] of Object.entries(doc.fields)) {
    const fieldTokens = text ? analyze(text) : [];
    fieldTf[field] = termFrequencies(fieldTokens);
    fieldLength[field] = fieldTokens.length;
    for (const token of fieldTokens) tokens.add(token);
  }
  return { doc, fieldTf, fieldLength, tokens };
}

export type FactorName = 'industry' | 'trl' | 'transferMode' | 'budget' | 'rights' | 'freshness';

export interface FactorEffect {
  factor: FactorName;
  /** Signed contribution to the multiplier (e.g. +0.04). */
  effect: number;
  reason: string;
}

/** Stored with every match: why it ranks where it does. */
export interface MatchExplanation {
  /** Demand key terms found in the target, with the fields they were found in (and the equivalent used). */
  matchedTerms: Array<{ term: string; via?: string; fields: string[] }>;
  /** Demand key terms the target lacks. */
  missingTerms: string[];
  /** BM25F relevance, normalised over this demand's candidates of the same type (0–1). */
  textScore: number;
  /** IDF-weighted share of key terms present (0–1). */
  coverage: number;
  factors: FactorEffect[];
  /** Optional semantic layer only: the target's semantic relevance (0–1) blended into its score. */
  semantic?: number;
}

export interface ScoredMatch {
  type: MatchTargetType;
  id: string;
  score: number;
  explanation: MatchExplanation;
}

function bm25f(
  tokenWeights: ReadonlyMap<string, number>,
  doc: AnalyzedDocument,
  stats: CorpusStats,
  config: MatchingConfig,
): number {
  const weights = config.fieldWeights[doc.doc.type];
  const averages = stats.averageFieldLength[doc.doc.type] ?? {};
  const { k1, b } = config.bm25;
  let score = 0;
  for (const [token, queryWeight] of tokenWeights) {
    if (!doc.tokens.has(token)) continue;
    let tf = 0;
    for (const [field, weight] of Object.entries(weights)) {
      const count = doc.fieldTf[field]?.get(token);
      if (!count) continue;
      const average = averages[field] || 1;
      tf += (weight * count) / (1 - b + (b * (doc.fieldLength[field] ?? 0)) / average);
    }
    score += queryWeight * inverseDocumentFrequency(stats, token) * (tf / (k1 + tf));
  }
  return score;
}

function coverageOf(query: MatchQuery, doc: AnalyzedDocument, config: MatchingConfig) {
  const matchedTerms: MatchExplanation['matchedTerms'] = [];
  const missingTerms: string[] = [];
  let covered = 0;
  let total = 0;
  const fieldsWith = (tokens: string[]) =>
    Object.keys(config.fieldWeights[doc.doc.type]).filter((field) => tokens.every((t) => doc.fieldTf[field]?.has(t)));
  for (const term of query.keyTerms) {
    total += term.weight;
    let fields = fieldsWith(term.tokens);
    let via: string | undefined;
    if (fields.length === 0) {
      for (const equivalent of term.equivalents) {
        if (equivalent.tokens.length === 0) continue;
        fields = fieldsWith(equivalent.tokens);
        if (fields.length > 0) {
          via = equivalent.term;
          break;
        }
      }
    }
    if (fields.length > 0) {
      covered += term.weight;
      matchedTerms.push(via ? { term: term.term, via, fields } : { term: term.term, fields });
    } else missingTerms.push(term.term);
  }
  return { coverage: total === 0 ? 0 : covered / total, matchedTerms, missingTerms };
}

/** Structured fit: each factor is a signal in [-1, 1] times its weight; unknown data gives no signal. */
export function structuredFactors(
  demand: MatchDemand,
  doc: MatchDocument,
  config: MatchingConfig,
  now: Date,
): FactorEffect[] {
  const f = config.factors;
  const effects: FactorEffect[] = [];
  const push = (factor: FactorName, signal: number, reason: string) => {
    if (signal !== 0 && f[factor] !== 0) effects.push({ factor, effect: round(f[factor] * signal), reason });
  };
  if (demand.industry && doc.industries?.includes(demand.industry))
    push('industry', 1, `same industry (${demand.industry})`);
  if (doc.type === MatchTargetType.ACHIEVEMENT) {
    if (typeof doc.trl === 'number') {
      if (doc.trl >= 7) push('trl', 1, `TRL ${doc.trl}: ready for production`);
      else if (doc.trl <= 3) push('trl', -1, `TRL ${doc.trl}: early research`);
    }
    const modes = demand.cooperationModes ?? [];
    const offered = doc.transferModes ?? [];
    if (modes.length > 0 && offered.length > 0) {
      const shared = offered.filter((m) => modes.includes(m));
      if (shared.length > 0) push('transferMode', 1, `offers ${shared.join('、')}`);
      else push('transferMode', -1, `offers only ${offered.join('、')}`);
    }
    if (typeof demand.budgetWan === 'number' && demand.budgetWan > 0 && typeof doc.askingPriceWan === 'number') {
      if (doc.askingPriceWan <= demand.budgetWan)
        push('budget', 1, `asking ${doc.askingPriceWan}万 within budget ${demand.budgetWan}万`);
      else if (doc.askingPriceWan > 2 * demand.budgetWan) {
        push('budget', -1, `asking ${doc.askingPriceWan}万, over twice the budget ${demand.budgetWan}万`);
      }
    }
    if (doc.rightsStatus === '赋权确认') push('rights', 1, 'rights confirmed to the inventors (赋权确认)');
  }
  if (doc.updatedAt) {
    const ageDays = (now.getTime() - new Date(doc.updatedAt).getTime()) / 86_400_000;
    if (ageDays > f.freshnessDays) {
      push(
        'freshness',
        -Math.min(1, (ageDays - f.freshnessDays) / f.freshnessDays),
        `not updated for ${Math.round(ageDays)} days`,
      );
    }
  }
  return effects;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** The optional semantic layer's term: the lexical relevance and the semantic one (both 0–1), weighted. */
const blendSemantic = (lexical: number, semantic: number, config: MatchingConfig) =>
  (1 - config.semantic.weight) * lexical + config.semantic.weight * semantic;

/**
 * Ranks candidates for a demand: BM25F recomputed over the candidates (one measure for both languages), blended
 * with key-term coverage, then nudged by the structured factors and the type prior. Pure: same inputs, same list.
 */
export function scoreCandidates(
  demand: MatchDemand,
  query: MatchQuery,
  candidates: readonly AnalyzedDocument[],
  stats: CorpusStats,
  config: MatchingConfig,
  now: Date,
  semantic?: ReadonlyMap<string, number>,
): ScoredMatch[] {
  const raw = candidates.map((doc) => {
    let text = bm25f(query.tokenWeights, doc, stats, config);
    const feedbackWeight = config.feedback.weight[doc.doc.type];
    if (query.feedbackWeights && feedbackWeight > 0)
      text += feedbackWeight * bm25f(query.feedbackWeights, doc, stats, config);
    return { doc, text };
  });
  // Normalise per target type: expert bios and listing summaries are written differently, so their raw BM25
  // values are not on one scale; the type prior then orders the two kinds.
  const maxByType = new Map<MatchTargetType, number>();
  for (const { doc, text } of raw) maxByType.set(doc.doc.type, Math.max(maxByType.get(doc.doc.type) ?? 0, text));

  const scored = raw.map(({ doc, text }) => {
    const max = maxByType.get(doc.doc.type) ?? 0;
    const textScore = max > 0 ? text / max : 0;
    const { coverage, matchedTerms, missingTerms } = coverageOf(query, doc, config);
    const relevance = (1 - config.coverageWeight) * textScore + config.coverageWeight * coverage;
    const factors = structuredFactors(demand, doc.doc, config, now);
    const adjustment = Math.max(
      -config.maxAdjustment,
      Math.min(
        config.maxAdjustment,
        factors.reduce((sum, f) => sum + f.effect, 0),
      ),
    );
    // Optional semantic layer (`semantic` is given only when an embedder is configured): `${type}:${id}` → 0–1.
    const similarity = semantic ? (semantic.get(`${doc.doc.type}:${doc.doc.id}`) ?? 0) : undefined;
    const blended = similarity === undefined ? relevance : blendSemantic(relevance, similarity, config);
    const score = blended * (1 + adjustment) * config.typePrior[doc.doc.type];
    return {
      type: doc.doc.type,
      id: doc.doc.id,
      score: round(score),
      explanation: {
        matchedTerms,
        missingTerms,
        textScore: round(textScore),
        coverage: round(coverage),
        factors,
        ...(similarity === undefined ? {} : { semantic: round(similarity) }),
      },
      exact: score,
    };
  });
  scored.sort((a, b) => b.exact - a.exact || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  return scored
    .filter((s) => s.exact > 0)
    .slice(0, config.limit)
    .map(({ exact: _exact, ...match }) => match);
}

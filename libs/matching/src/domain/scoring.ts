import { Calibration, probability } from './calibration';
import { CorpusStats, inverseDocumentFrequency } from './corpus-stats';
import { MatchDemand, MatchDocument, MatchTargetType } from './match-document';
import { MatchingConfig } from './matching-config';
import { MatchQuery } from './match-query';
import { isWholeWord } from './general-rarity';
import { checkIndicators, demandRequirements, Figure, parseFigures, Requirement } from './indicators';
import { analyze, Language, termFrequencies } from './text-analysis';

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

export type FactorName = 'industry' | 'trl' | 'transferMode' | 'budget' | 'rights' | 'freshness' | 'indicator';

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

/**
 * What the calibration reads (CALIBRATION_FEATURES, in this order). Only `textRelative` depends on the other
 * candidates of the demand; the others are comparable across demands.
 */
export interface MatchFeatures {
  /** BM25F over the best of the same type for this demand (0–1). */
  textRelative: number;
  /** BM25F over its ceiling for this query (every query token saturated in the document): 0–1. */
  textAbsolute: number;
  coverage: number;
  /** Clamped sum of the structured factors (±maxAdjustment). */
  adjustment: number;
  /** 1 / rank among the demand's candidates of the same type, by the uncalibrated score (1 for the best). */
  typeRank: number;
}

export const featureVector = (f: MatchFeatures): number[] => [
  f.textRelative,
  f.textAbsolute,
  f.coverage,
  f.adjustment,
  f.typeRank,
];

export interface ScoredMatch {
  type: MatchTargetType;
  id: string;
  /** With a calibration: the probability that the target is relevant (comparable across demands); else `lexical`. */
  score: number;
  explanation: MatchExplanation;
  /** The uncalibrated m5 score: (blend of BM25F and coverage) × (1 + factors) × type prior. */
  lexical: number;
  features: MatchFeatures;
}

/** The calibrated probability of a candidate (the semantic layer, when on, is blended into it). */
export function calibratedScore(
  calibration: Calibration,
  type: MatchTargetType,
  features: MatchFeatures,
  semantic?: number,
  semanticWeight = 0,
): number {
  const p = probability(calibration.byType[type], featureVector(features));
  // The calibration knows the lexical features only; the (untuned) semantic layer scales the probability, so a
  // target found only semantically stays below a lexical match (and, today, below the storing threshold).
  return semantic === undefined ? p : p * (1 - semanticWeight + semanticWeight * semantic);
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

/** BM25F's ceiling for a query: every token present and saturated (tf/(k1+tf) → 1). */
function bm25Ceiling(tokenWeights: ReadonlyMap<string, number>, stats: CorpusStats): number {
  let ceiling = 0;
  for (const [token, queryWeight] of tokenWeights) ceiling += queryWeight * inverseDocumentFrequency(stats, token);
  return ceiling;
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
    // Fragments of segmentation count for coverage but are not shown (see isWholeWord).
    const shown = isWholeWord(term.term);
    if (fields.length > 0) {
      covered += term.weight;
      if (shown) matchedTerms.push(via ? { term: term.term, via, fields } : { term: term.term, fields });
    } else if (shown) missingTerms.push(term.term);
  }
  return { coverage: total === 0 ? 0 : covered / total, matchedTerms, missingTerms };
}

const CNY = (wan: number) => `CNY ${(wan * 10_000).toLocaleString('en-US')}`;

/** The reasons, in the demand's language, with no raw codes (industry codes, enumeration words). */
const REASONS: Record<Language, Record<string, (...values: number[]) => string>> = {
  zh: {
    industry: () => '与需求同属一个行业',
    trlHigh: (trl) => `技术成熟度 ${trl} 级，可直接投产`,
    trlLow: (trl) => `技术成熟度 ${trl} 级，尚处早期研究`,
    modeShared: () => '提供需求所要的合作方式',
    modeOther: () => '不提供需求所要的合作方式',
    budgetWithin: (ask, budget) => `报价 ${ask} 万元，在预算 ${budget} 万元之内`,
    budgetOver: (ask, budget) => `报价 ${ask} 万元，超过预算 ${budget} 万元的两倍`,
    rights: () => '权属已确认给发明人（赋权确认）',
    stale: (days) => `${days} 天未更新`,
  },
  en: {
    industry: () => 'same industry as the demand',
    trlHigh: (trl) => `technology readiness level ${trl}: ready for production`,
    trlLow: (trl) => `technology readiness level ${trl}: early research`,
    modeShared: () => 'offers a cooperation mode the demand asks for',
    modeOther: () => 'offers none of the cooperation modes the demand asks for',
    budgetWithin: (ask, budget) => `asking ${CNY(ask)}, within the budget of ${CNY(budget)}`,
    budgetOver: (ask, budget) => `asking ${CNY(ask)}, over twice the budget of ${CNY(budget)}`,
    rights: () => 'rights confirmed to the inventors',
    stale: (days) => `not updated for ${days} days`,
  },
};

/** Structured fit: each factor is a signal in [-1, 1] times its weight; unknown data gives no signal. */
export function structuredFactors(
  demand: MatchDemand,
  doc: MatchDocument,
  config: MatchingConfig,
  now: Date,
  language: Language = 'zh',
): FactorEffect[] {
  const f = config.factors;
  const reason = REASONS[language];
  const effects: FactorEffect[] = [];
  const push = (factor: Exclude<FactorName, 'indicator'>, signal: number, text: string) => {
    if (signal !== 0 && f[factor] !== 0) effects.push({ factor, effect: round(f[factor] * signal), reason: text });
  };
  if (demand.industry && doc.industries?.includes(demand.industry)) push('industry', 1, reason.industry());
  if (doc.type === MatchTargetType.ACHIEVEMENT) {
    if (typeof doc.trl === 'number') {
      if (doc.trl >= 7) push('trl', 1, reason.trlHigh(doc.trl));
      else if (doc.trl <= 3) push('trl', -1, reason.trlLow(doc.trl));
    }
    const modes = demand.cooperationModes ?? [];
    const offered = doc.transferModes ?? [];
    if (modes.length > 0 && offered.length > 0) {
      const shared = offered.filter((m) => modes.includes(m));
      if (shared.length > 0) push('transferMode', 1, reason.modeShared());
      else push('transferMode', -1, reason.modeOther());
    }
    if (typeof demand.budgetWan === 'number' && demand.budgetWan > 0 && typeof doc.askingPriceWan === 'number') {
      if (doc.askingPriceWan <= demand.budgetWan)
        push('budget', 1, reason.budgetWithin(doc.askingPriceWan, demand.budgetWan));
      else if (doc.askingPriceWan > 2 * demand.budgetWan) {
        push('budget', -1, reason.budgetOver(doc.askingPriceWan, demand.budgetWan));
      }
    }
    if (doc.rightsStatus === '赋权确认') push('rights', 1, reason.rights());
  }
  if (doc.updatedAt) {
    const ageDays = (now.getTime() - new Date(doc.updatedAt).getTime()) / 86_400_000;
    if (ageDays > f.freshnessDays) {
      push('freshness', -Math.min(1, (ageDays - f.freshnessDays) / f.freshnessDays), reason.stale(Math.round(ageDays)));
    }
  }
  return effects;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** The figures a target states (parsed once per analysed document, while the analysis cache keeps it). */
const figuresByDocument = new WeakMap<AnalyzedDocument, Figure[]>();

export function documentFigures(doc: AnalyzedDocument): Figure[] {
  let figures = figuresByDocument.get(doc);
  if (!figures) {
    figures = Object.values(doc.doc.fields).flatMap((text) => (text ? parseFigures(text) : []));
    figuresByDocument.set(doc, figures);
  }
  return figures;
}

/** The demand's requirements with numbers and units: its structured indicators and the figures of its text. */
export function requirementsOf(demand: MatchDemand): Requirement[] {
  return demandRequirements(`${demand.title ?? ''}\n${demand.description ?? ''}`, demand.indicators ?? []);
}

/**
 * Technical indicators: a bonus per requirement the target's stated figure meets, a smaller penalty per one it
 * clearly fails (a must-have one: as large as the bonus). Nothing when either side states no figure for it.
 */
export function indicatorFactors(
  requirements: readonly Requirement[],
  doc: AnalyzedDocument,
  config: MatchingConfig,
  language: Language = 'zh',
): FactorEffect[] {
  const { indicatorMet, indicatorFailed } = config.factors;
  if (requirements.length === 0 || (indicatorMet === 0 && indicatorFailed === 0)) return [];
  return checkIndicators(requirements, documentFigures(doc), language)
    .map((check) => ({
      factor: 'indicator' as const,
      effect: round(
        check.verdict === 'meets' ? indicatorMet : check.requirement.mustHave ? -indicatorMet : -indicatorFailed,
      ),
      reason: check.reason,
    }))
    .filter((effect) => effect.effect !== 0);
}

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
  const ownCeiling = bm25Ceiling(query.tokenWeights, stats);
  const feedbackCeiling = query.feedbackWeights ? bm25Ceiling(query.feedbackWeights, stats) : 0;
  const raw = candidates.map((doc) => {
    let text = bm25f(query.tokenWeights, doc, stats, config);
    let ceiling = ownCeiling;
    const feedbackWeight = config.feedback.weight[doc.doc.type];
    if (query.feedbackWeights && feedbackWeight > 0) {
      text += feedbackWeight * bm25f(query.feedbackWeights, doc, stats, config);
      ceiling += feedbackWeight * feedbackCeiling;
    }
    return { doc, text, absolute: ceiling > 0 ? text / ceiling : 0 };
  });
  // Normalise per target type: expert bios and listing summaries are written differently, so their raw BM25
  // values are not on one scale; the type prior then orders the two kinds.
  const maxByType = new Map<MatchTargetType, number>();
  for (const { doc, text } of raw) maxByType.set(doc.doc.type, Math.max(maxByType.get(doc.doc.type) ?? 0, text));

  const { calibration } = config;
  const requirements = requirementsOf(demand);
  const clamp = (value: number, bound: number) => Math.max(-bound, Math.min(bound, value));
  const scored = raw.map(({ doc, text, absolute }) => {
    const max = maxByType.get(doc.doc.type) ?? 0;
    const textScore = max > 0 ? text / max : 0;
    const { coverage, matchedTerms, missingTerms } = coverageOf(query, doc, config);
    const relevance = (1 - config.coverageWeight) * textScore + config.coverageWeight * coverage;
    const structured = structuredFactors(demand, doc.doc, config, now, query.language);
    const indicators = indicatorFactors(requirements, doc, config, query.language);
    const factors = [...structured, ...indicators];
    const adjustment =
      clamp(
        structured.reduce((sum, f) => sum + f.effect, 0),
        config.maxAdjustment,
      ) +
      clamp(
        indicators.reduce((sum, f) => sum + f.effect, 0),
        config.factors.indicatorMax,
      );
    // Optional semantic layer (`semantic` is given only when an embedder is configured): `${type}:${id}` → 0–1.
    const similarity = semantic ? (semantic.get(`${doc.doc.type}:${doc.doc.id}`) ?? 0) : undefined;
    const blended = similarity === undefined ? relevance : blendSemantic(relevance, similarity, config);
    const lexical = blended * (1 + adjustment) * config.typePrior[doc.doc.type];
    const features: MatchFeatures = {
      textRelative: textScore,
      textAbsolute: absolute,
      coverage,
      adjustment,
      typeRank: 0,
    };
    return {
      type: doc.doc.type,
      id: doc.doc.id,
      score: 0,
      lexical: round(lexical),
      features,
      explanation: {
        matchedTerms,
        missingTerms,
        textScore: round(textScore),
        coverage: round(coverage),
        factors,
        ...(similarity === undefined ? {} : { semantic: round(similarity) }),
      },
      exact: 0,
      lexicalExact: lexical,
      similarity,
    };
  });
  // Rank within the type by the uncalibrated score (a feature of the calibration), then the final score.
  scored.sort((a, b) => b.lexicalExact - a.lexicalExact || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  const seen = new Map<MatchTargetType, number>();
  for (const match of scored) {
    const rank = (seen.get(match.type) ?? 0) + 1;
    seen.set(match.type, rank);
    match.features.typeRank = 1 / rank;
    // A candidate sharing nothing with the demand (lexical 0) stays out, calibrated or not.
    match.exact =
      calibration && match.lexicalExact > 0
        ? calibratedScore(calibration, match.type, match.features, match.similarity, config.semantic.weight)
        : match.lexicalExact;
    match.score = round(match.exact);
  }
  scored.sort((a, b) => b.exact - a.exact || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  return scored
    .filter((s) => s.exact > 0 && s.lexicalExact > 0)
    .slice(0, config.limit)
    .map(({ exact: _exact, lexicalExact: _lexicalExact, similarity: _similarity, ...match }) => match);
}

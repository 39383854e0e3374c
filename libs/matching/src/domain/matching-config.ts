import { Calibration } from './calibration';
import { FITTED_CALIBRATION } from './calibration-weights';
import { MatchTargetType } from './match-document';

/**
 * Every weight of the engine in one place. Text relevance decides the order; the structured factors only nudge
 * it (their sum is clamped to ±maxAdjustment, a fraction of the text score), so a well-matching listing is never
 * buried by a price or a TRL. Change ENGINE_VERSION when a change here should rematch everything.
 */
export interface MatchingConfig {
  /** BM25 saturation and length normalisation. */
  bm25: { k1: number; b: number };
  /** Weight of each text field in BM25F, per target type. Fields not named weigh 0. */
  fieldWeights: Record<MatchTargetType, Record<string, number>>;
  query: {
    /** Weight of a token from the demand's title relative to one from its description. */
    titleWeight: number;
    /** Weight of a synonym or translation relative to the term it came from. */
    expansionWeight: number;
    /** How many key terms the demand contributes (the rarest, by IDF). */
    maxKeyTerms: number;
    /** Query-side term frequency is dampened: weight × (1 + log tf). */
    dampenQueryTf: boolean;
  };
  /** Share of the relevance that comes from coverage of the demand's key terms (the rest is BM25). */
  coverageWeight: number;
  /** Multiplies an expert's relevance: a listing that solves the need outranks a person who could. */
  typePrior: Record<MatchTargetType, number>;
  /** Each factor contributes weight × signal (signal in [-1, 1]); their sum is clamped to ±maxAdjustment. */
  factors: {
    industry: number;
    trl: number;
    transferMode: number;
    budget: number;
    rights: number;
    freshness: number;
    /** Days after which a listing counts as stale (freshness signal decays linearly to -1 at twice this). */
    freshnessDays: number;
    /**
     * Technical indicators (domain/indicators.ts): per requirement of the demand for which the target states a
     * figure of the same quantity, +met when it meets it, −failed when it clearly does not (−met for a
     * must-have indicator). Only when both sides state a figure; summed and clamped to ±indicatorMax, outside
     * the other factors' clamp (0 turns the factor off).
     */
    indicatorMet: number;
    indicatorFailed: number;
    indicatorMax: number;
  };
  maxAdjustment: number;
  /** Candidates kept per demand. */
  limit: number;
  /** How candidates are gathered from the search index (see MatchingEngine). */
  retrieval: {
    /** Single-term queries from the demand's rarest key terms, and from their translations. */
    termQueries: number;
    translationQueries: Record<MatchTargetType, number>;
    /** Ids asked per query (cheap: ids only). */
    hitsPerQuery: number;
    /** Candidates per target type kept for full scoring, by the summed weight of the queries that found them. */
    candidates: Record<MatchTargetType, number>;
  };
  /**
   * Pseudo-relevance feedback: the words that best characterise the first pass's top achievements become a
   * second set of queries and a second BM25 term set. Experts describe themselves in research-field words the
   * enterprise rarely uses, and the listing that solves the demand is written in the same words.
   */
  feedback: {
    /** Top achievements of the first pass read for feedback. */
    documents: number;
    /** Feedback words kept for scoring, and their tokens' share in scoring, per target type. */
    terms: number;
    /** The best of them searched with (one query per index each: the second round's cost). */
    searchTerms: Record<MatchTargetType, number>;
    /** Ids asked per feedback query (fewer than the first round's: its quotas are smaller). */
    hitsPerQuery: number;
    weight: Record<MatchTargetType, number>;
  };
  /**
   * The optional semantic layer, used only when an embedder is configured (EMBEDDING_URL; see README): the
   * targets nearest the demand's embedding join the candidates, and their similarity (min–max scaled over
   * those found, per type; 0 for a target not found) is blended into the text relevance:
   * (1 − weight) × lexical + weight × semantic. Not tuned: no multilingual model could be run here.
   */
  semantic: {
    weight: number;
    /** Nearest targets asked per type (one vector query per index). */
    candidates: Record<MatchTargetType, number>;
  };
  /**
   * Per-type logistic calibration of the features to a probability of relevance, and the threshold below which
   * a match is not stored. Null: the m5 score (uncalibrated, normalised per demand) orders the list.
   */
  calibration: Calibration | null;
}

export const ENGINE_VERSION = 'm6';

export const DEFAULT_MATCHING_CONFIG: MatchingConfig = {
  // k1 3 (BM25's usual 1.2 saturates after two or three occurrences): presence is already rewarded by the
  // coverage share, so the BM25 share follows how much of a text is about a word. SciFact 0.6952 → 0.7006
  // (k1 1.6: 0.6970, 2: 0.6982, 4: 0.6982; b 0.75 → 0.9 +0.001); dev-zh 0.9216 → 0.9125, still above 0.90.
  bm25: { k1: 3, b: 0.9 },
  fieldWeights: {
    [MatchTargetType.ACHIEVEMENT]: { title: 2, keywords: 1.5, summary: 1 },
    [MatchTargetType.EXPERT]: { fields: 2, bio: 1 },
  },
  query: { titleWeight: 2, expansionWeight: 2, maxKeyTerms: 12, dampenQueryTf: true },
  coverageWeight: 0.4,
  typePrior: { [MatchTargetType.ACHIEVEMENT]: 1, [MatchTargetType.EXPERT]: 0.85 },
  factors: {
    industry: 0.04,
    trl: 0.02,
    transferMode: 0.03,
    budget: 0.03,
    rights: 0.01,
    freshness: 0.01,
    freshnessDays: 365,
    // Technical indicators (dev-zh, 5-fold nDCG@10 calibrated / m5): off 0.9194 / 0.9116; 0.04, 0.02, 0.08:
    // 0.9201 / 0.9129; 0.06, 0.04, 0.12: 0.9201 / 0.9142; 0.08, 0.04, 0.16: 0.9202 / 0.9142. SciFact unchanged.
    indicatorMet: 0.06,
    indicatorFailed: 0.04,
    indicatorMax: 0.12,
  },
  maxAdjustment: 0.1,
  limit: 100,
  retrieval: {
    // 6 → 8 once the queries became phrases (≈ 1 ms each instead of 3–6): SciFact 0.7000 → 0.7027, dev-zh
    // 0.9127 → 0.9116 (10: SciFact 0.7035, dev-zh 0.9096 with recall@20 below 1).
    termQueries: 8,
    // Translations of the key terms (only those some document contains); fewer for experts, whose feedback round
    // reaches them in research-field words anyway. 4/4 → 2/1 (and none a document lacks):
    // dev-zh 0.9135 → 0.9136, cross-language unchanged; SciFact 0.7008 → 0.7015.
    translationQueries: { [MatchTargetType.ACHIEVEMENT]: 2, [MatchTargetType.EXPERT]: 1 },
    hitsPerQuery: 50,
    candidates: { [MatchTargetType.ACHIEVEMENT]: 150, [MatchTargetType.EXPERT]: 60 },
  },
  // Feedback words help experts a lot (dev-zh experts nDCG 0.84 → 0.94); in achievements' scores they cost
  // SciFact 0.002 at 0.3 and 0.003 at 0.6, so achievements are only searched with them (see MatchingEngine.rank).
  feedback: {
    documents: 3,
    terms: 8,
    // Achievements, the 100,000-document index, with the best 4 only: the same quality (dev-zh 0.9125 → 0.9135,
    // SciFact 0.7006 → 0.7008) for 4 fewer queries on the slowest index.
    searchTerms: { [MatchTargetType.ACHIEVEMENT]: 4, [MatchTargetType.EXPERT]: 8 },
    hitsPerQuery: 30,
    weight: { [MatchTargetType.ACHIEVEMENT]: 0, [MatchTargetType.EXPERT]: 1 },
  },
  semantic: { weight: 0.3, candidates: { [MatchTargetType.ACHIEVEMENT]: 50, [MatchTargetType.EXPERT]: 30 } },
  // m6: per-type logistic calibration (weights: calibration-weights.ts, from `npm run matching:train`).
  calibration: FITTED_CALIBRATION,
};

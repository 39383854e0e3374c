import {
  Calibration,
  CALIBRATION_FEATURES,
  chooseThreshold,
  fitLogistic,
  LogisticModel,
  probability,
  TrainingRow,
} from './calibration';
import { splitFolds, trainTestSplits } from './folds';
import { MatchTargetType } from './match-document';
import { evaluate, EvaluationReport, MetricsRow, Qrels } from './metrics';
import { featureVector, MatchFeatures } from './scoring';

/** One candidate the engine scored for a demand (ids are the dataset's). */
export interface JudgedCandidate {
  id: string;
  type: MatchTargetType;
  features: MatchFeatures;
  /** The uncalibrated m5 score. */
  lexical: number;
}

/** Demand id → every candidate the engine scored for it. */
export type CandidatePools = ReadonlyMap<string, readonly JudgedCandidate[]>;

export interface FitOptions {
  /**
   * 'graded' (default): the target is grade / 3, a soft label, so 3 > 2 > 1 (dev-zh cross-validated 0.9206
   * against 0.8756 with 'any', where relevant means grade ≥ 1 and a partial expert outranks a solving listing).
   */
  label?: 'any' | 'graded';
  l2?: number;
  /**
   * The dataset (catalogue) of each demand, when several are fit together. Each gets an intercept of its own:
   * how many candidates are relevant depends on the catalogue (a few of 170 in dev-zh, one of 5,000 in SciFact),
   * not on the features, and a shared intercept would put one catalogue's experts above its listings. The
   * committed model uses the datasets' mean intercept; within one catalogue the ranking does not depend on it.
   */
  group?: ReadonlyMap<string, string>;
  /**
   * The dataset whose intercept the returned model uses (the catalogue the product resembles); default the mean
   * of the datasets' intercepts.
   */
  referenceGroup?: string;
  /** Weight of each demand's rows (e.g. 1 / demands of its dataset, so two datasets count alike); default 1. */
  demandWeight?: ReadonlyMap<string, number>;
}

const maxGrade = (judged: ReadonlyMap<string, number> | undefined) => Math.max(0, ...(judged?.values() ?? []));
/** The grade a target needs to count as a match worth sending (as recall@20 counts it). */
const keepGrade = (judged: ReadonlyMap<string, number> | undefined) => Math.min(2, maxGrade(judged));

/**
 * Fits the calibration on judged demands: per target type, a logistic model of relevance on the features, then
 * the threshold (max F2 over the training candidates: relevant = grade ≥ 2, or the demand's best grade if lower).
 * Demands without judgements are not used. A type with no positive example gets a model at its base rate.
 */
export function fitCalibration(
  pools: CandidatePools,
  qrels: Qrels,
  demandIds: readonly string[],
  options: FitOptions = {},
): Calibration {
  const label = options.label ?? 'graded';
  // One logistic model over both types: type-specific feature weights, an expert offset and a per-dataset
  // intercept (see FitOptions.group), so that the offset between the types is learned where both exist.
  const n = CALIBRATION_FEATURES.length;
  const groups = [...new Set(demandIds.map((id) => options.group?.get(id) ?? ''))].sort();
  const rows: TrainingRow[] = [];
  for (const demandId of demandIds) {
    const judged = qrels.get(demandId);
    if (!judged || maxGrade(judged) <= 0) continue;
    const w = options.demandWeight?.get(demandId) ?? 1;
    const groupIndex = groups.indexOf(options.group?.get(demandId) ?? '');
    for (const candidate of pools.get(demandId) ?? []) {
      const grade = judged.get(candidate.id) ?? 0;
      const y = label === 'graded' ? Math.min(1, grade / 3) : grade >= 1 ? 1 : 0;
      const f = featureVector(candidate.features);
      const expert = candidate.type === MatchTargetType.EXPERT;
      const x = [
        ...(expert ? f.map(() => 0) : f),
        ...(expert ? f : f.map(() => 0)),
        expert ? 1 : 0,
        ...groups.slice(1).map((_, g) => (g + 1 === groupIndex ? 1 : 0)),
      ];
      rows.push({ x, y, w });
    }
  }
  const width = 2 * n + 1 + groups.length - 1;
  const unpenalised = Array.from({ length: width - 2 * n }, (_, i) => 2 * n + i);
  const model = fitLogistic(rows, width, { l2: options.l2, unpenalised });
  // Each dataset's intercept (the first dataset's is the bias itself).
  const offsets = groups.map((_, g) => (g === 0 ? 0 : model.weights[2 * n + g]));
  const modelsFor = (offset: number): Record<MatchTargetType, LogisticModel> => ({
    [MatchTargetType.ACHIEVEMENT]: { bias: model.bias + offset, weights: model.weights.slice(0, n) },
    [MatchTargetType.EXPERT]: {
      bias: model.bias + model.weights[2 * n] + offset,
      weights: model.weights.slice(n, 2 * n),
    },
  });
  const reference = options.referenceGroup === undefined ? -1 : groups.indexOf(options.referenceGroup);
  const byType = modelsFor(
    reference >= 0 ? offsets[reference] : offsets.reduce((sum, v) => sum + v, 0) / groups.length,
  );

  // The threshold: over every training candidate, each scored with its own dataset's intercept.
  const examples: Array<{ p: number; relevant: boolean; w: number }> = [];
  for (const demandId of demandIds) {
    const judged = qrels.get(demandId);
    if (!judged || maxGrade(judged) <= 0) continue;
    const w = options.demandWeight?.get(demandId) ?? 1;
    const needed = keepGrade(judged);
    const own = modelsFor(offsets[groups.indexOf(options.group?.get(demandId) ?? '')]);
    for (const candidate of pools.get(demandId) ?? []) {
      const p = probability(own[candidate.type], featureVector(candidate.features));
      examples.push({ p, relevant: (judged.get(candidate.id) ?? 0) >= needed, w });
    }
  }
  const { threshold } = chooseThreshold(examples);
  // Floored, so that the target at the threshold (stored rounded to 4 places) is kept.
  return { features: [...CALIBRATION_FEATURES], byType, threshold: Math.floor(threshold * 10_000) / 10_000 };
}

/** The combined list of a demand under a calibration (null: by the uncalibrated score), best first. */
export function rankPool(pool: readonly JudgedCandidate[], calibration: Calibration | null, limit = 100) {
  return pool
    .map((c) => ({
      c,
      score: calibration ? probability(calibration.byType[c.type], featureVector(c.features)) : c.lexical,
    }))
    .sort((a, b) => b.score - a.score || a.c.type.localeCompare(b.c.type) || a.c.id.localeCompare(b.c.id))
    .slice(0, limit);
}

export interface ThresholdFigures {
  /** Matches kept per demand (above the threshold, among the ranked top 100). */
  keptPerDemand: number;
  /** Share of kept matches that are relevant (grade ≥ 2, or the demand's best grade if lower). */
  precision: number;
  /** Share of such relevant targets that are kept. */
  recall: number;
  /** Demands left with no match at all. */
  emptyDemands: number;
}

export interface FoldResult {
  fold: number;
  test: string[];
  calibration: Calibration;
  baseline: EvaluationReport;
  calibrated: EvaluationReport;
  threshold: ThresholdFigures;
}

export interface CrossValidationInput {
  pools: CandidatePools;
  qrels: Qrels;
  targetKind: ReadonlyMap<string, 'achievement' | 'expert'>;
  language: ReadonlyMap<string, string>;
  folds: number;
  seed?: number;
  fit?: FitOptions;
}

function thresholdFigures(pools: CandidatePools, qrels: Qrels, test: readonly string[], calibration: Calibration) {
  let kept = 0;
  let keptRelevant = 0;
  let relevant = 0;
  let empty = 0;
  let demands = 0;
  for (const demandId of test) {
    const judged = qrels.get(demandId);
    if (!judged || maxGrade(judged) <= 0) continue;
    demands++;
    const needed = keepGrade(judged);
    relevant += [...judged.values()].filter((g) => g >= needed).length;
    const above = rankPool(pools.get(demandId) ?? [], calibration).filter((r) => r.score >= calibration.threshold);
    if (above.length === 0) empty++;
    kept += above.length;
    keptRelevant += above.filter((r) => (judged.get(r.c.id) ?? 0) >= needed).length;
  }
  return {
    keptPerDemand: demands ? kept / demands : 0,
    precision: kept ? keptRelevant / kept : 0,
    recall: relevant ? keptRelevant / relevant : 0,
    emptyDemands: empty,
  };
}

/**
 * k-fold cross-validation over demands: for each fold, the calibration (weights and threshold) is fit on the
 * other folds only and the fold's demands are ranked with it; the uncalibrated ranking of the same demands is the
 * baseline. Demands without candidates rank nothing (they still count, as in the whole-set evaluation).
 */
export function crossValidate(input: CrossValidationInput): FoldResult[] {
  const judgedDemands = [...input.qrels.keys()].filter((id) => maxGrade(input.qrels.get(id)) > 0);
  const folds = splitFolds(judgedDemands, input.folds, input.seed);
  return trainTestSplits(folds).map(({ fold, train, test }) => {
    const calibration = fitCalibration(input.pools, input.qrels, train, input.fit);
    const testQrels = new Map(test.map((id) => [id, input.qrels.get(id)!]));
    const runsWith = (c: Calibration | null) =>
      new Map(test.map((id) => [id, rankPool(input.pools.get(id) ?? [], c).map((r) => r.c.id)]));
    const report = (c: Calibration | null) =>
      evaluate({ runs: runsWith(c), qrels: testQrels, targetKind: input.targetKind, language: input.language });
    return {
      fold,
      test,
      calibration,
      baseline: report(null),
      calibrated: report(calibration),
      threshold: thresholdFigures(input.pools, input.qrels, test, calibration),
    };
  });
}

export type Subset = 'overall' | 'achievements' | 'experts' | 'crossLanguage';
export const SUBSETS: Subset[] = ['overall', 'achievements', 'experts', 'crossLanguage'];

export interface Spread {
  /** Demands over all test folds. */
  demands: number;
  /** Folds with at least one demand of the subset. */
  folds: number;
  /** Per-demand average over all test folds together. */
  pooled: { ndcg10: number; recall20: number; mrr10: number };
  /** Mean and standard deviation of the per-fold nDCG@10. */
  ndcgMean: number;
  ndcgSd: number;
}

/** Mean and spread of a subset over the folds (folds where the subset has no demand are left out). */
export function summarise(results: readonly FoldResult[], pick: (r: FoldResult) => EvaluationReport, subset: Subset) {
  const rows: MetricsRow[] = results.map((r) => pick(r)[subset]).filter((m) => m.demands > 0);
  const demands = rows.reduce((s, m) => s + m.demands, 0);
  const pooledOf = (metric: 'ndcg10' | 'recall20' | 'mrr10') =>
    demands ? rows.reduce((s, m) => s + m[metric] * m.demands, 0) / demands : 0;
  const values = rows.map((m) => m.ndcg10);
  const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return {
    demands,
    folds: rows.length,
    pooled: { ndcg10: pooledOf('ndcg10'), recall20: pooledOf('recall20'), mrr10: pooledOf('mrr10') },
    ndcgMean: mean,
    ndcgSd: sd,
  } satisfies Spread;
}

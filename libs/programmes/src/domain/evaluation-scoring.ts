/**
 * New R&D institution performance evaluation (新型研发机构绩效评价) as a pure function: each indicator scored 0–100
 * by thresholds or min–max normalisation across the institutions evaluated, a weighted total, ranks with ties,
 * and award tiers (优秀 / 良好 / 合格 / 不合格). No I/O.
 */

/** Where an indicator's value comes from. */
export enum IndicatorSource {
  /** Counted from the platform's own records (with links to them). */
  PLATFORM = 'PLATFORM',
  /** Reported by the institution with attachments, verified by the bureau. */
  SELF_REPORTED = 'SELF_REPORTED',
}

/** Figures the platform knows for an institution and year. */
export enum PlatformMetric {
  /** Registered technology contracts (技术合同认定登记) of the institution. */
  REGISTERED_CONTRACTS = 'REGISTERED_CONTRACTS',
  /** Their technical income (技术性收入), 万元. */
  TECHNICAL_INCOME_WAN = 'TECHNICAL_INCOME_WAN',
  /** Achievements listed on the marketplace. */
  LISTINGS = 'LISTINGS',
  /** Introductions brokered to the institution's achievements and experts. */
  INTRODUCTIONS = 'INTRODUCTIONS',
  /** Registered contracts whose enterprise reported a product launched (outcome follow-ups). */
  PRODUCTS_LAUNCHED = 'PRODUCTS_LAUNCHED',
  /** Revenue the enterprises attribute to the institution's contracts (outcome follow-ups, latest answers), 万元. */
  ATTRIBUTED_REVENUE_WAN = 'ATTRIBUTED_REVENUE_WAN',
}

export enum ScoringMethod {
  /** Points of the highest threshold the value reaches. */
  THRESHOLDS = 'THRESHOLDS',
  /** (value − min) / (max − min) × 100 over the institutions that have a value. */
  MIN_MAX = 'MIN_MAX',
}

export enum AwardTier {
  /** 优秀 */
  EXCELLENT = 'EXCELLENT',
  /** 良好 */
  GOOD = 'GOOD',
  /** 合格 */
  PASS = 'PASS',
  /** 不合格 */
  FAIL = 'FAIL',
}

export const AWARD_TIER_LABELS: { readonly [T in AwardTier]: string } = {
  [AwardTier.EXCELLENT]: '优秀',
  [AwardTier.GOOD]: '良好',
  [AwardTier.PASS]: '合格',
  [AwardTier.FAIL]: '不合格',
};

export interface Threshold {
  /** The value reaches the threshold when value ≥ min. */
  min: number;
  /** 0–100 */
  points: number;
}

export interface IndicatorDefinition {
  key: string;
  label: string;
  weight: number;
  source: IndicatorSource;
  /** For PLATFORM indicators. */
  platformMetric: PlatformMetric | null;
  method: ScoringMethod;
  /** For THRESHOLDS. */
  thresholds: Threshold[];
}

/** The minimum total score of each tier but FAIL (which is everything below PASS). */
export interface TierThresholds {
  excellent: number;
  good: number;
  pass: number;
}

export interface EvaluationScheme {
  indicators: IndicatorDefinition[];
  tiers: TierThresholds;
}

export class SchemeProblem extends Error {
  constructor(readonly field: string) {
    super(`Invalid evaluation scheme: ${field}`);
  }
}

/** Checks a scheme; throws a SchemeProblem naming the offending field. */
export function checkScheme(scheme: EvaluationScheme): void {
  if (scheme.indicators.length === 0) throw new SchemeProblem('indicators');
  const keys = new Set<string>();
  scheme.indicators.forEach((indicator, index) => {
    const at = `indicators.${index}`;
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(indicator.key) || keys.has(indicator.key)) throw new SchemeProblem(`${at}.key`);
    keys.add(indicator.key);
    if (!indicator.label.trim()) throw new SchemeProblem(`${at}.label`);
    if (!(indicator.weight > 0)) throw new SchemeProblem(`${at}.weight`);
    if ((indicator.source === IndicatorSource.PLATFORM) !== (indicator.platformMetric !== null))
      throw new SchemeProblem(`${at}.platformMetric`);
    if (indicator.method === ScoringMethod.THRESHOLDS) {
      if (indicator.thresholds.length === 0) throw new SchemeProblem(`${at}.thresholds`);
      if (indicator.thresholds.some((t) => !(t.points >= 0 && t.points <= 100) || !Number.isFinite(t.min)))
        throw new SchemeProblem(`${at}.thresholds`);
    }
  });
  const { excellent, good, pass } = scheme.tiers;
  if (!(excellent <= 100 && good < excellent && pass < good && pass >= 0)) throw new SchemeProblem('tiers');
}

/** One institution's values by indicator key; null or absent: missing (scored 0 and listed as missing). */
export interface InstitutionValues {
  institutionId: string;
  values: Readonly<Record<string, number | null | undefined>>;
}

export interface IndicatorScore {
  key: string;
  value: number | null;
  /** 0–100 */
  score: number;
  /** score × weight ÷ Σ weights */
  weighted: number;
}

export interface EvaluationResult {
  institutionId: string;
  indicators: IndicatorScore[];
  /** 0–100, two decimals. */
  totalScore: number;
  /** Standard competition ranking: equal totals share a rank and the next rank is skipped (1, 2, 2, 4). */
  rank: number;
  tier: AwardTier;
  missingIndicators: string[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function thresholdScore(thresholds: readonly Threshold[], value: number): number {
  const reached = thresholds.filter((t) => value >= t.min);
  return reached.length === 0 ? 0 : Math.max(...reached.map((t) => t.points));
}

export function tierOf(totalScore: number, tiers: TierThresholds): AwardTier {
  if (totalScore >= tiers.excellent) return AwardTier.EXCELLENT;
  if (totalScore >= tiers.good) return AwardTier.GOOD;
  if (totalScore >= tiers.pass) return AwardTier.PASS;
  return AwardTier.FAIL;
}

/**
 * Scores every institution against the scheme. A missing value scores 0. Min–max: over the values present;
 * when they are all equal (or only one is present) each present value scores 100. Results are ordered by rank,
 * then institution id (stable).
 */
export function scoreInstitutions(
  scheme: EvaluationScheme,
  institutions: readonly InstitutionValues[],
): EvaluationResult[] {
  const totalWeight = scheme.indicators.reduce((sum, indicator) => sum + indicator.weight, 0);
  const ranges = new Map<string, { min: number; max: number }>();
  for (const indicator of scheme.indicators) {
    const present = institutions
      .map((institution) => institution.values[indicator.key])
      .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    if (present.length > 0) ranges.set(indicator.key, { min: Math.min(...present), max: Math.max(...present) });
  }
  const scored = institutions.map((institution) => {
    const missingIndicators: string[] = [];
    const indicators = scheme.indicators.map((indicator): IndicatorScore => {
      const raw = institution.values[indicator.key];
      const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
      if (value === null) {
        missingIndicators.push(indicator.key);
        return { key: indicator.key, value: null, score: 0, weighted: 0 };
      }
      let score: number;
      if (indicator.method === ScoringMethod.THRESHOLDS) score = thresholdScore(indicator.thresholds, value);
      else {
        const range = ranges.get(indicator.key)!;
        score = range.max === range.min ? 100 : ((value - range.min) / (range.max - range.min)) * 100;
      }
      score = round2(score);
      return { key: indicator.key, value, score, weighted: round2((score * indicator.weight) / totalWeight) };
    });
    const exact = indicators.reduce((sum, indicator) => {
      const weight = scheme.indicators.find((d) => d.key === indicator.key)!.weight;
      return sum + (indicator.score * weight) / totalWeight;
    }, 0);
    return { institutionId: institution.institutionId, indicators, totalScore: round2(exact), missingIndicators };
  });
  const ordered = [...scored].sort(
    (a, b) => b.totalScore - a.totalScore || (a.institutionId < b.institutionId ? -1 : 1),
  );
  return ordered.map((result, index) => {
    const firstEqual = ordered.findIndex((other) => other.totalScore === result.totalScore);
    return {
      ...result,
      rank: firstEqual === -1 ? index + 1 : firstEqual + 1,
      tier: tierOf(result.totalScore, scheme.tiers),
    };
  });
}

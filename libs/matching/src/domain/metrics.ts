/**
 * IR metrics as /work/shared/eval/README.md defines them (the matching-quality datasets):
 * - nDCG@10 with gains 2^grade − 1, the ideal ranking built from every judged target of the demand;
 * - recall@20: share of the demand's grade ≥ 2 targets in the top 20;
 * - MRR@10: reciprocal rank of the first grade-3 target, or grade ≥ 2 when the demand has no grade 3.
 * Binary datasets (grades 0/1 only, e.g. SciFact) have no grade ≥ 2: recall and MRR then use the demand's
 * highest grade as the threshold, which is the standard binary recall and MRR.
 * Unjudged targets count as not relevant. Demands with no positive judgement are left out of the averages.
 */
export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface DemandMetrics {
  ndcg10: number;
  recall20: number;
  mrr10: number;
}

const discount = (rank: number) => 1 / Math.log2(rank + 1);
const gain = (grade: number) => 2 ** grade - 1;

export function ndcgAt(ranking: readonly string[], judged: ReadonlyMap<string, number>, k = 10): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => (dcg += gain(judged.get(id) ?? 0) * discount(i + 1)));
  const ideal = [...judged.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + gain(grade) * discount(i + 1), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

const maxGrade = (judged: ReadonlyMap<string, number>) => Math.max(0, ...judged.values());

export function recallAt(ranking: readonly string[], judged: ReadonlyMap<string, number>, k = 20): number {
  const threshold = Math.min(2, maxGrade(judged));
  if (threshold <= 0) return 0;
  const relevant = [...judged].filter(([, g]) => g >= threshold).map(([id]) => id);
  const top = new Set(ranking.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

export function mrrAt(ranking: readonly string[], judged: ReadonlyMap<string, number>, k = 10): number {
  const best = maxGrade(judged);
  const threshold = best >= 3 ? 3 : Math.min(2, best);
  if (threshold <= 0) return 0;
  const index = ranking.slice(0, k).findIndex((id) => (judged.get(id) ?? 0) >= threshold);
  return index < 0 ? 0 : 1 / (index + 1);
}

export function demandMetrics(ranking: readonly string[], judged: ReadonlyMap<string, number>): DemandMetrics {
  return { ndcg10: ndcgAt(ranking, judged), recall20: recallAt(ranking, judged), mrr10: mrrAt(ranking, judged) };
}

export interface MetricsRow extends DemandMetrics {
  demands: number;
}

export function averageMetrics(rows: readonly DemandMetrics[]): MetricsRow {
  const n = rows.length;
  const mean = (pick: (m: DemandMetrics) => number) => (n === 0 ? 0 : rows.reduce((s, m) => s + pick(m), 0) / n);
  return { demands: n, ndcg10: mean((m) => m.ndcg10), recall20: mean((m) => m.recall20), mrr10: mean((m) => m.mrr10) };
}

export interface EvaluationInput {
  /** Demand id → ranked target ids (achievements and experts together). */
  runs: ReadonlyMap<string, readonly string[]>;
  qrels: Qrels;
  /** Target id → kind, for the per-kind breakdowns. */
  targetKind: ReadonlyMap<string, 'achievement' | 'expert'>;
  /** Language of every demand and target ('zh' | 'en'), for the cross-language breakdown. */
  language: ReadonlyMap<string, string>;
}

export interface EvaluationReport {
  overall: MetricsRow;
  achievements: MetricsRow;
  experts: MetricsRow;
  crossLanguage: MetricsRow;
  perDemand: Map<string, DemandMetrics>;
}

const hasPositive = (judged: ReadonlyMap<string, number>) => [...judged.values()].some((g) => g > 0);

/** Is the demand written in another language than all of its best-graded targets? */
export function isCrossLanguage(
  demandId: string,
  judged: ReadonlyMap<string, number>,
  language: ReadonlyMap<string, string>,
) {
  const best = maxGrade(judged);
  if (best <= 0) return false;
  const own = language.get(demandId);
  const bestTargets = [...judged].filter(([, g]) => g === best).map(([id]) => id);
  return bestTargets.every((id) => language.get(id) !== undefined && language.get(id) !== own);
}

export function evaluate(input: EvaluationInput): EvaluationReport {
  const overall: DemandMetrics[] = [];
  const achievements: DemandMetrics[] = [];
  const experts: DemandMetrics[] = [];
  const crossLanguage: DemandMetrics[] = [];
  const perDemand = new Map<string, DemandMetrics>();

  const restrict = (ids: readonly string[], kind: 'achievement' | 'expert') =>
    ids.filter((id) => input.targetKind.get(id) === kind);
  const restrictJudged = (judged: ReadonlyMap<string, number>, kind: 'achievement' | 'expert') =>
    new Map([...judged].filter(([id]) => input.targetKind.get(id) === kind));

  for (const [demandId, judged] of [...input.qrels].sort(([a], [b]) => a.localeCompare(b))) {
    if (!hasPositive(judged)) continue;
    const ranking = (input.runs.get(demandId) ?? []).slice(0, 100);
    const metrics = demandMetrics(ranking, judged);
    overall.push(metrics);
    perDemand.set(demandId, metrics);
    if (isCrossLanguage(demandId, judged, input.language)) crossLanguage.push(metrics);
    for (const [kind, bucket] of [
      ['achievement', achievements],
      ['expert', experts],
    ] as const) {
      const kindJudged = restrictJudged(judged, kind);
      if (hasPositive(kindJudged)) bucket.push(demandMetrics(restrict(ranking, kind), kindJudged));
    }
  }
  return {
    overall: averageMetrics(overall),
    achievements: averageMetrics(achievements),
    experts: averageMetrics(experts),
    crossLanguage: averageMetrics(crossLanguage),
    perDemand,
  };
}

/** Parses qrels.tsv (header `demand_id	target_id	grade`). */
export function parseQrels(tsv: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  const lines = tsv.split(/\r?\n/).filter((line) => line.trim());
  for (const line of lines.slice(1)) {
    const [demandId, targetId, grade] = line.split('\t');
    if (!demandId || !targetId || grade === undefined) continue;
    let judged = qrels.get(demandId);
    if (!judged) qrels.set(demandId, (judged = new Map<string, number>()));
    judged.set(targetId, Number(grade));
  }
  return qrels;
}

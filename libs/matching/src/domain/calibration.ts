import { MatchTargetType } from './match-document';

/**
 * Calibration: each target type's features → a probability that the target is relevant to the demand, by a
 * logistic model fit on judged demands. Both types then share one scale (a probability), so the combined list
 * is ordered by the same quantity, and a stored score means the same thing on every demand.
 */

/** The engine's per-candidate features, in this order (see `MatchFeatures` in scoring.ts). */
export const CALIBRATION_FEATURES = ['textRelative', 'textAbsolute', 'coverage', 'adjustment', 'typeRank'] as const;

export interface LogisticModel {
  bias: number;
  /** One weight per CALIBRATION_FEATURES entry. */
  weights: number[];
}

export interface Calibration {
  /** Features the weights apply to (must equal CALIBRATION_FEATURES). */
  features: readonly string[];
  byType: Record<MatchTargetType, LogisticModel>;
  /** Matches below this probability are neither stored nor sent. */
  threshold: number;
}

/** The committed calibration, with where it came from. */
export interface FittedCalibration extends Calibration {
  /** Datasets fit on (all their judged demands, each dataset weighing the same). */
  fittedOn: string[];
  /** Cross-validated nDCG@10 per dataset of the same fitting procedure (fit on training folds only). */
  crossValidatedNdcg10: Record<string, number>;
}

export interface TrainingRow {
  x: readonly number[];
  /** 1 relevant, 0 not (or a share in between). */
  y: number;
  /** Sample weight (default 1). */
  w?: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function probability(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i] * (x[i] ?? 0);
  return sigmoid(z);
}

/** Solves A·x = b (small, symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) pivot = row;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col] || 1e-12;
    for (let row = col + 1; row < n; row++) {
      const f = m[row][col] / p;
      for (let c = col; c <= n; c++) m[row][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let s = m[row][n];
    for (let c = row + 1; c < n; c++) s -= m[row][c] * x[c];
    x[row] = s / (m[row][row] || 1e-12);
  }
  return x;
}

/**
 * L2-regularised logistic regression by Newton's method (a handful of features: exact and fast). The bias is
 * not penalised. Rows with no positive at all give a model that predicts the (small) base rate.
 */
export function fitLogistic(
  rows: readonly TrainingRow[],
  featureCount: number,
  options: { l2?: number; iterations?: number; unpenalised?: readonly number[] } = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 50;
  const d = featureCount + 1;
  let beta = new Array<number>(d).fill(0);
  const totalWeight = rows.reduce((s, r) => s + (r.w ?? 1), 0);
  if (totalWeight === 0) return { bias: 0, weights: new Array<number>(featureCount).fill(0) };
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const row of rows) {
      const w = row.w ?? 1;
      const xs = [1, ...row.x.slice(0, featureCount)];
      let z = 0;
      for (let i = 0; i < d; i++) z += beta[i] * xs[i];
      const p = sigmoid(z);
      const r = w * (p - row.y);
      const h = w * Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < d; i++) {
        gradient[i] += r * xs[i];
        for (let j = i; j < d; j++) hessian[i][j] += h * xs[i] * xs[j];
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) hessian[i][j] = hessian[j][i];
    // Penalty scaled to the data's weight, so l2 means the same for 40 demands and for 800.
    const penalty = (l2 * totalWeight) / 1_000;
    const free = new Set((options.unpenalised ?? []).map((i) => i + 1));
    for (let i = 1; i < d; i++) {
      // Offsets (type, dataset) are not shrunk; a tiny ridge keeps a column without data solvable.
      const lambda = free.has(i) ? 1e-6 : penalty;
      gradient[i] += lambda * beta[i];
      hessian[i][i] += lambda;
    }
    hessian[0][0] += 1e-9;
    const step = solve(hessian, gradient);
    beta = beta.map((b, i) => b - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: beta[0], weights: beta.slice(1) };
}

/**
 * The threshold that maximises F-beta (beta 2: a missed match costs the enterprise more than one more listing
 * to read) over scored examples; ties go to the higher threshold. Examples: probability and whether relevant.
 */
export function chooseThreshold(
  examples: ReadonlyArray<{ p: number; relevant: boolean; w?: number }>,
  beta = 2,
): { threshold: number; fbeta: number } {
  const sorted = [...examples].sort((a, b) => b.p - a.p);
  const positives = sorted.reduce((s, e) => s + (e.relevant ? (e.w ?? 1) : 0), 0);
  if (positives === 0) return { threshold: 1, fbeta: 0 };
  let best = { threshold: 1, fbeta: 0 };
  let tp = 0;
  let kept = 0;
  const b2 = beta * beta;
  for (let i = 0; i < sorted.length; i++) {
    const w = sorted[i].w ?? 1;
    kept += w;
    if (sorted[i].relevant) tp += w;
    // Only cut between distinct probabilities.
    if (i + 1 < sorted.length && sorted[i + 1].p === sorted[i].p) continue;
    const precision = tp / kept;
    const recall = tp / positives;
    const f = precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
    if (f > best.fbeta + 1e-12) best = { threshold: sorted[i].p, fbeta: f };
  }
  return best;
}

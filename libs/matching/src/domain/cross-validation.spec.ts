import {
  CandidatePools,
  crossValidate,
  fitCalibration,
  JudgedCandidate,
  rankPool,
  summarise,
} from './cross-validation';
import { MatchTargetType } from './match-document';

const A = MatchTargetType.ACHIEVEMENT;
const E = MatchTargetType.EXPERT;
const candidate = (
  id: string,
  type: MatchTargetType,
  strength: number,
  lexical: number,
  rank: number,
): JudgedCandidate => ({
  id,
  type,
  features: {
    textRelative: strength,
    textAbsolute: strength / 2,
    coverage: strength,
    adjustment: 0,
    typeRank: 1 / rank,
  },
  lexical,
});

/**
 * 20 demands. The relevant expert is strong on the features but the uncalibrated score ranks experts low (as a
 * type prior does); the relevant achievement is the strongest achievement.
 */
function world() {
  const pools = new Map<string, JudgedCandidate[]>();
  const qrels = new Map<string, Map<string, number>>();
  const targetKind = new Map<string, 'achievement' | 'expert'>();
  const language = new Map<string, string>();
  for (let d = 0; d < 20; d++) {
    const demand = `D${d}`;
    language.set(demand, 'zh');
    const pool = [
      candidate(`${demand}-a1`, A, 0.9, 0.9, 1),
      candidate(`${demand}-a2`, A, 0.5, 0.8, 2),
      candidate(`${demand}-a3`, A, 0.4, 0.7, 3),
      candidate(`${demand}-e1`, E, 0.95, 0.3, 1),
      candidate(`${demand}-e2`, E, 0.2, 0.2, 2),
    ];
    for (const c of pool) {
      targetKind.set(c.id, c.type === A ? 'achievement' : 'expert');
      language.set(c.id, 'zh');
    }
    pools.set(demand, pool);
    qrels.set(
      demand,
      new Map([
        [`${demand}-a1`, 3],
        [`${demand}-e1`, 3],
        [`${demand}-a2`, 0],
      ]),
    );
  }
  return { pools: pools as CandidatePools, qrels, targetKind, language };
}

describe('cross-validation of the calibration', () => {
  it('fits on the training folds only: each fold model comes from the other folds’ demands', () => {
    const w = world();
    const results = crossValidate({ ...w, folds: 4, seed: 3 });
    expect(results).toHaveLength(4);
    expect(results.flatMap((r) => r.test).sort()).toEqual([...w.qrels.keys()].sort());
    // A fold's calibration equals a fit on exactly the other folds.
    const [first] = results;
    const train = [...w.qrels.keys()].filter((id) => !first.test.includes(id));
    expect(first.calibration).toEqual(fitCalibration(w.pools, w.qrels, train));
  });

  it('puts both types on one scale: the strong expert joins the top of the combined list', () => {
    const w = world();
    const results = crossValidate({ ...w, folds: 4 });
    const base = summarise(results, (r) => r.baseline, 'overall');
    const calibrated = summarise(results, (r) => r.calibrated, 'overall');
    expect(calibrated.pooled.ndcg10).toBeGreaterThan(base.pooled.ndcg10);
    expect(calibrated.pooled.ndcg10).toBeCloseTo(1, 6);
    expect(calibrated.demands).toBe(20);
    expect(calibrated.ndcgSd).toBeCloseTo(0, 6);
    const ranked = rankPool(w.pools.get('D0')!, results[0].calibration).map((r) => r.c.id);
    expect(ranked.slice(0, 2).sort()).toEqual(['D0-a1', 'D0-e1']);
  });

  it('chooses a threshold that keeps the relevant targets and drops most others', () => {
    const w = world();
    const [fold] = crossValidate({ ...w, folds: 4 });
    expect(fold.threshold.recall).toBe(1);
    expect(fold.threshold.precision).toBeGreaterThan(0.5);
    expect(fold.threshold.emptyDemands).toBe(0);
  });
});

describe('fitting several datasets together', () => {
  it('gives each dataset its own intercept and the committed model the reference dataset’s', () => {
    // Same features in both catalogues; in "dense" the second achievement is relevant too, in "sparse" not.
    const pools = new Map<string, JudgedCandidate[]>();
    const qrels = new Map<string, Map<string, number>>();
    const group = new Map<string, string>();
    for (const name of ['dense', 'sparse']) {
      for (let d = 0; d < 10; d++) {
        const demand = `${name}-${d}`;
        group.set(demand, name);
        pools.set(demand, [
          candidate(`${demand}-a1`, A, 0.9, 0.9, 1),
          candidate(`${demand}-a2`, A, 0.6, 0.6, 2),
          candidate(`${demand}-a3`, A, 0.2, 0.2, 3),
        ]);
        qrels.set(demand, new Map([[`${demand}-a1`, 3], ...(name === 'dense' ? [[`${demand}-a2`, 3] as const] : [])]));
      }
    }
    const ids = [...qrels.keys()];
    const dense = fitCalibration(pools, qrels, ids, { group, referenceGroup: 'dense' });
    const sparse = fitCalibration(pools, qrels, ids, { group, referenceGroup: 'sparse' });
    // The weights are shared; only the intercept differs, so the order within a catalogue is the same.
    expect(dense.byType[A].weights).toEqual(sparse.byType[A].weights);
    expect(dense.byType[A].bias).toBeGreaterThan(sparse.byType[A].bias);
    const order = (c: typeof dense) => rankPool(pools.get('dense-0')!, c).map((r) => r.c.id);
    expect(order(dense)).toEqual(order(sparse));
  });
});

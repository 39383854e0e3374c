import { evaluate, mrrAt, ndcgAt, parseQrels, recallAt } from './metrics';

describe('matching metrics', () => {
  // A=3, B=2, C=0, D=1, E=2 (E never retrieved); the engine ranked C, A, D, B.
  const judged = new Map([
    ['A', 3],
    ['B', 2],
    ['C', 0],
    ['D', 1],
    ['E', 2],
  ]);
  const ranking = ['C', 'A', 'D', 'B'];

  it('computes nDCG@10 by hand: gains 2^g-1, ideal from every judged target', () => {
    // DCG = 7/log2(3) + 1/log2(4) + 3/log2(5) = 6.208530; IDCG = 7 + 3/log2(3) + 3/log2(4) + 1/log2(5) = 10.823474
    expect(ndcgAt(ranking, judged)).toBeCloseTo(6.20853 / 10.823474, 5);
    expect(ndcgAt(['A', 'B', 'E', 'D'], judged)).toBeCloseTo(1, 10);
    expect(ndcgAt(['X', 'Y'], judged)).toBe(0);
  });

  it('cuts nDCG at rank 10', () => {
    const late = [...Array.from({ length: 10 }, (_, i) => `x${i}`), 'A'];
    expect(ndcgAt(late, judged)).toBe(0);
  });

  it('computes recall@20 over grade >= 2 targets and MRR@10 of the first grade-3 target', () => {
    expect(recallAt(ranking, judged)).toBeCloseTo(2 / 3, 10);
    expect(mrrAt(ranking, judged)).toBe(0.5);
  });

  it('falls back to grade >= 2 for MRR when a demand has no grade 3, and to grade 1 on binary judgements', () => {
    const noThree = new Map([
      ['B', 2],
      ['D', 1],
    ]);
    expect(mrrAt(['D', 'X', 'B'], noThree)).toBeCloseTo(1 / 3, 10);
    const binary = new Map([
      ['P', 1],
      ['Q', 1],
    ]);
    expect(mrrAt(['X', 'Q'], binary)).toBe(0.5);
    expect(recallAt(['X', 'Q'], binary)).toBe(0.5);
  });

  it('averages over demands and breaks down by kind and cross-language', () => {
    const qrels = parseQrels('demand_id\ttarget_id\tgrade\nd1\ta1\t3\nd1\te1\t2\nd2\ta2\t3\nd3\ta3\t0\n');
    const report = evaluate({
      qrels,
      runs: new Map([
        ['d1', ['e1', 'a1']],
        ['d2', ['x', 'a2']],
      ]),
      targetKind: new Map([
        ['a1', 'achievement'],
        ['a2', 'achievement'],
        ['a3', 'achievement'],
        ['x', 'achievement'],
        ['e1', 'expert'],
      ]),
      language: new Map([
        ['d1', 'zh'],
        ['d2', 'en'],
        ['a1', 'zh'],
        ['a2', 'zh'],
        ['e1', 'zh'],
      ]),
    });
    expect(report.overall.demands).toBe(2); // d3 has no positive judgement
    expect(report.overall.mrr10).toBeCloseTo((0.5 + 0.5) / 2, 10);
    expect(report.achievements.ndcg10).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 10);
    expect(report.experts).toMatchObject({ demands: 1, ndcg10: 1 });
    expect(report.crossLanguage.demands).toBe(1);
    expect(report.crossLanguage.ndcg10).toBeCloseTo(1 / Math.log2(3), 10);
  });
});

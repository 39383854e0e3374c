import { splitFolds, trainTestSplits } from './folds';

const ids = Array.from({ length: 43 }, (_, i) => `D${String(i).padStart(3, '0')}`);

describe('fold splitter', () => {
  it('puts every demand in exactly one fold, with sizes differing by at most one', () => {
    const folds = splitFolds(ids, 5);
    expect(folds).toHaveLength(5);
    expect(folds.flat().sort()).toEqual(ids);
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and independent of the input order', () => {
    expect(splitFolds([...ids].reverse(), 5, 7)).toEqual(splitFolds(ids, 5, 7));
    expect(splitFolds(ids, 5, 7)).not.toEqual(splitFolds(ids, 5, 8));
  });

  it('shuffles: consecutive ids do not all land in one fold', () => {
    const first = splitFolds(ids, 5)[0];
    expect(first).not.toEqual(ids.slice(0, first.length));
  });

  it('refuses impossible splits', () => {
    expect(() => splitFolds(ids.slice(0, 3), 5)).toThrow(/cannot split/);
    expect(() => splitFolds(ids, 1)).toThrow(/folds/);
  });

  it('trains on the other folds only', () => {
    for (const { train, test } of trainTestSplits(splitFolds(ids, 4))) {
      expect(train.filter((id) => test.includes(id))).toEqual([]);
      expect([...train, ...test].sort()).toEqual(ids);
    }
  });
});

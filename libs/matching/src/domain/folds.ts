/**
 * Deterministic k-fold split of demand ids, for the cross-validated evaluation (`eval:matching -- --folds k`).
 * Pure: the same ids, k and seed give the same folds whatever order the ids come in.
 */

/** mulberry32: a small seeded generator (the bench uses the same one). */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const DEFAULT_FOLD_SEED = 18;

/**
 * Splits ids into k folds of sizes differing by at most one: sorted (input order must not matter), shuffled with
 * the seeded generator, then dealt in turn. Every id is in exactly one fold.
 */
export function splitFolds(ids: readonly string[], k: number, seed = DEFAULT_FOLD_SEED): string[][] {
  const unique = [...new Set(ids)].sort();
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be an integer ≥ 2 (got ${k})`);
  if (k > unique.length) throw new Error(`cannot split ${unique.length} demands into ${k} folds`);
  const random = seededRandom(seed);
  for (let i = unique.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [unique[i], unique[j]] = [unique[j], unique[i]];
  }
  const folds: string[][] = Array.from({ length: k }, () => []);
  unique.forEach((id, i) => folds[i % k].push(id));
  return folds.map((fold) => fold.sort());
}

/** Each fold as the test set, the others together as the training set. */
export function trainTestSplits(folds: readonly string[][]): Array<{ fold: number; train: string[]; test: string[] }> {
  return folds.map((test, fold) => ({
    fold,
    test: [...test],
    train: folds.filter((_, other) => other !== fold).flat(),
  }));
}

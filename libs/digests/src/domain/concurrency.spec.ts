import { settleConcurrently } from './concurrency';

describe('settleConcurrently', () => {
  it('runs every item, never more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await settleConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5 * (item % 3)));
      seen.push(item);
      inFlight--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('returns each failure in item order without stopping the others', async () => {
    const done: string[] = [];
    const failures = await settleConcurrently(['a', 'b', 'c'], 2, async (item) => {
      if (item === 'b') throw new Error('b failed');
      done.push(item);
    });
    expect(done.sort()).toEqual(['a', 'c']);
    expect(failures.map((failure) => (failure as Error | null)?.message ?? null)).toEqual([null, 'b failed', null]);
  });

  it('does nothing for no items', async () => {
    expect(await settleConcurrently([], 4, () => Promise.reject(new Error('never')))).toEqual([]);
  });
});

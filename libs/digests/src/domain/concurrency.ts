/**
 * Runs `task` for every item with at most `limit` in flight, and waits for all of them. Each item's failure is
 * returned (in item order, null for success) instead of stopping the others: one bad delivery must not hold up
 * a batch.
 */
export async function settleConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<unknown>,
): Promise<unknown[]> {
  // One entry per item: null for success, the error otherwise.
  const failures: unknown[] = new Array<unknown>(items.length).fill(null);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        await task(items[index]);
      } catch (error) {
        failures[index] = error ?? new Error('task failed without an error');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return failures;
}

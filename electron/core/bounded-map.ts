/**
 * Maps `items` through `work` with at most `limit` calls in flight, results in the items' order. For
 * evidence gathering: one engine call at a time wastes the round-trip latency of every other call, while
 * unbounded fan-out over 20+ services floods a loaded engine (and a 2-core laptop) for no gain. The first
 * failure rejects the whole map; calls already started still finish, none new begins.
 */
export async function boundedMap<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

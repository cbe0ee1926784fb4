import { describe, expect, it } from 'vitest';
import { boundedMap } from '../../electron/core/bounded-map';

/** A promise and the function that settles it, so a test decides when each call finishes. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('boundedMap', () => {
  it('keeps the items’ order whatever order the calls finish in', async () => {
    const delays = [30, 0, 10, 0, 20];
    const result = await boundedMap(delays, 2, async (ms, index) => {
      await new Promise((r) => setTimeout(r, ms));
      return index * 10;
    });
    expect(result).toEqual([0, 10, 20, 30, 40]);
  });

  it('never has more than the limit in flight, and starts the next as soon as one ends', async () => {
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const mapped = boundedMap(gates, 2, async (gate, index) => {
      started.push(index);
      await gate.promise;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    await mapped;
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      boundedMap([0, 1, 2, 3, 4], 1, async (item) => {
        started.push(item);
        if (item === 1) throw new Error('engine gone');
      }),
    ).rejects.toThrow('engine gone');
    expect(started).toEqual([0, 1]);
  });

  it('returns an empty list for no items', async () => {
    expect(await boundedMap([], 4, async () => 1)).toEqual([]);
  });
});

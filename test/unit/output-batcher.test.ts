import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_INTERVAL_MS, OutputBatcher } from '../../electron/core/streams/output-batcher';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('OutputBatcher', () => {
  it('flushes at most once per interval however many chunks arrive', () => {
    const flushes: string[] = [];
    const batcher = new OutputBatcher(
      (text) => flushes.push(text),
      () => Date.now(),
    );
    for (let i = 0; i < 1000; i++) batcher.write(Buffer.from(`${i % 10}`));
    expect(flushes).toEqual([]); // never synchronously: chunks written together go out together
    vi.advanceTimersByTime(0); // idle for long: the first batch goes at once
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toHaveLength(1000);
    batcher.write('a');
    batcher.write('b');
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS - 1);
    expect(flushes).toHaveLength(1); // right after a flush, the next waits out the interval
    vi.advanceTimersByTime(1);
    expect(flushes).toEqual([flushes[0], 'ab']);
  });

  it('never splits a UTF-8 character across flushes', () => {
    const flushes: string[] = [];
    const batcher = new OutputBatcher(
      (text) => flushes.push(text),
      () => Date.now(),
    );
    const bytes = Buffer.from('ok ✓ done', 'utf8');
    const cut = bytes.indexOf(Buffer.from('✓')) + 1;
    batcher.write(bytes.subarray(0, cut));
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    batcher.write(bytes.subarray(cut));
    batcher.end();
    expect(flushes).toEqual(['ok ', '✓ done']);
    expect(flushes.join('')).not.toContain('\uFFFD');
  });

  it('flushes what is left on end, and nothing when there is nothing', () => {
    const flushes: string[] = [];
    const batcher = new OutputBatcher(
      (text) => flushes.push(text),
      () => Date.now(),
    );
    batcher.end();
    expect(flushes).toEqual([]);
    batcher.write('tail');
    batcher.end();
    expect(flushes).toEqual(['tail']);
  });
});

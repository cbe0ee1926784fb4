import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../electron/core/compose/duration';
import { parseByteSize, parseNanoCpus } from '../../electron/core/compose/resource-units';

const SECOND = 1_000_000_000;

describe('durations, in the nanoseconds the Engine API takes', () => {
  it.each([
    ['0', 0],
    ['1ns', 1],
    ['1us', 1_000],
    ['1µs', 1_000],
    ['500ms', 500_000_000],
    ['10s', 10 * SECOND],
    ['1m30s', 90 * SECOND],
    ['1h2m', 3_720 * SECOND],
    ['1h2m3s4ms', 3_723 * SECOND + 4_000_000],
    ['1.5s', 1.5 * SECOND],
    ['0.1s', 100_000_000],
    ['.5m', 30 * SECOND],
    ['2h', 7_200 * SECOND],
  ])('%s = %i ns', (text, nanos) => {
    expect(parseDuration(text)).toBe(nanos);
  });

  it.each(['', '1x', '10', 's', '1.s.', '-1s', '+1s', '1 s', '1m 30s', '1S', '1e3s', '30days', '100000h'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('sizes and CPUs', () => {
  it.each([
    ['512m', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1G', 1024 ** 3],
    ['1gb', 1024 ** 3],
    ['1GiB', 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['64k', 65_536],
    ['100', 100],
    ['100b', 100],
    [2048, 2048],
  ] as const)('%s = %i bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['lots', '-1m', '1x', '', 'm', 1.5, -1])('refuses the size %j', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });

  it('turns CPUs into NanoCPUs without float noise', () => {
    expect(parseNanoCpus('0.5')).toBe(500_000_000);
    expect(parseNanoCpus(2)).toBe(2_000_000_000);
    expect(parseNanoCpus('0.1')).toBe(100_000_000);
    expect(parseNanoCpus('1.25')).toBe(1_250_000_000);
    expect(parseNanoCpus('half')).toBeUndefined();
    expect(parseNanoCpus('-1')).toBeUndefined();
  });
});

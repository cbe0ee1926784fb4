const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Parses a Go duration (`1m30s`, `500ms`, `1.5h`, `0`), the syntax Compose uses, into nanoseconds, the
 * unit the Engine API takes. Exact integer arithmetic, so `0.1s` is 100000000 and not a float near it.
 * Returns undefined for anything Compose would refuse (no unit, an unknown unit, a sign) and for values
 * too large to count exactly in a JavaScript number (about 104 days).
 */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  let total = 0n;
  let pos = 0;
  while (pos < text.length) {
    PART.lastIndex = pos;
    const match = PART.exec(text);
    const amount = match?.[1];
    const unit = match?.[2];
    if (match === null || amount === undefined || unit === undefined) return undefined;
    const scale = NANOS_PER_UNIT[unit] ?? 0n;
    const [whole = '', fraction = ''] = amount.split('.');
    total += BigInt(whole === '' ? '0' : whole) * scale;
    if (fraction !== '') total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    pos = PART.lastIndex;
  }
  return total <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(total) : undefined;
}

export const DURATION_HINT = 'write a number and a unit, like 30s, 1m30s or 500ms';

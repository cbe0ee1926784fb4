const BYTE_SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;
const POWERS: Readonly<Record<string, number>> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * `512m`, `1g`, `1.5GiB`, `2048` → bytes, with Docker's binary units (go-units RAMInBytes: k is 1024).
 * Undefined when Docker would refuse the text.
 */
export function parseByteSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const match = BYTE_SIZE.exec(value.trim());
  const amount = match?.[1];
  if (amount === undefined) return undefined;
  const unit = match?.[2]?.toLowerCase();
  const bytes = Math.floor(Number(amount) * 1024 ** (unit === undefined ? 0 : (POWERS[unit] ?? 0)));
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `0.5` or `"1.25"` CPUs → NanoCPUs, the Engine API's unit (1 CPU = 1e9). */
export function parseNanoCpus(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const nanos = Math.round(Number(text) * 1e9);
  return Number.isSafeInteger(nanos) ? nanos : undefined;
}

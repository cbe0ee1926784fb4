export const GIB = 1024 ** 3;

/** "7.7 GiB": one decimal is enough to compare against an 8 GiB recommendation. */
export function formatGiB(bytes: number): string {
  return `${(bytes / GIB).toFixed(1)} GiB`;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: GIB,
  gb: GIB,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};

/** A .wslconfig size ("4GB", "4096MB", "8g"); WSL reads the units as binary multiples. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (match === null) return null;
  const factor = SIZE_UNITS[(match[2] ?? '').toLowerCase()];
  return factor === undefined ? null : Math.round(Number(match[1]) * factor);
}

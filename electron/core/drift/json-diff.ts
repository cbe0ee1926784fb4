export interface JsonDifference {
  /** `$.version`, `$.checks[0].status`: where the two values part. */
  path: string;
  local: unknown;
  staging: unknown;
}

/**
 * The leaves at which two JSON values differ, in key order. A key missing on one side is a difference
 * with undefined there, so "staging reports a field local does not" reads as such.
 */
export function jsonDifferences(local: unknown, staging: unknown, path = '$'): JsonDifference[] {
  if (isObject(local) && isObject(staging)) {
    const keys = [...new Set([...Object.keys(local), ...Object.keys(staging)])].sort();
    return keys.flatMap((key) => jsonDifferences(local[key], staging[key], `${path}.${key}`));
  }
  if (Array.isArray(local) && Array.isArray(staging)) {
    const length = Math.max(local.length, staging.length);
    return Array.from({ length }, (_, i) => jsonDifferences(local[i], staging[i], `${path}[${i}]`)).flat();
  }
  return JSON.stringify(local) === JSON.stringify(staging) ? [] : [{ path, local, staging }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

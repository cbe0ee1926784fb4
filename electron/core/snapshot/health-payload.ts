/**
 * A health payload as the drift check compares it: keys sorted at every level, and the contract's
 * volatile fields (`$.uptime`, `$.build.time`) removed. Paths are the simple dotted JSONPath subset.
 */
export function normaliseHealthPayload(value: unknown, ignore: readonly string[]): unknown {
  const ignored = ignore.map(parsePath).filter((path): path is string[] => path !== undefined);
  return sortKeys(strip(value, ignored, []));
}

function parsePath(path: string): string[] | undefined {
  if (!path.startsWith('$.')) return undefined;
  const parts = path.slice(2).split('.');
  return parts.every((part) => part !== '') ? parts : undefined;
}

function strip(value: unknown, ignored: string[][], at: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, ignored, at));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const path = [...at, key];
    if (ignored.some((p) => p.length === path.length && p.every((part, i) => part === path[i]))) continue;
    out[key] = strip(child, ignored, path);
  }
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * JSON with every object's keys sorted, two-space indented, ending in a newline: the same lock always has
 * the same bytes, and a change shows in review as the few lines that changed.
 */
export function lockJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    // defineProperty: a key named "__proto__" stays a key instead of replacing the prototype.
    if (item !== undefined)
      Object.defineProperty(sorted, key, {
        value: sortKeys(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return sorted;
}

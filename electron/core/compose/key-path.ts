/** One step into a Compose document: a map key or a list index. */
export type KeySegment = string | number;
export type KeyPath = readonly KeySegment[];

/** `services.app.ports[0].target`: how a problem names the place it is about. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Matches a path against a pattern where `*` stands for any map key and `[]` for any list index, so one
 * rule can speak about every service (`services.*.ports.[].target`).
 */
export function matchesPattern(path: KeyPath, pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((step, i) => {
    const segment = path[i];
    if (step === '[]') return typeof segment === 'number';
    if (step === '*') return typeof segment === 'string';
    return segment === step;
  });
}

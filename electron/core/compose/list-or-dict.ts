import { setOwn } from './own-property';
import type { RawListOrDict, RawScalar } from './raw-compose';

/**
 * Compose's two spellings of a string map: `["KEY=value", "KEY"]` or `{ KEY: value, KEY: null }`.
 * `bare` decides what a key without a value means: environment and build args take it from the
 * environment (undefined leaves it out), labels make it an empty string.
 */
export function listOrDictToMap(
  value: RawListOrDict | undefined,
  bare: (key: string) => string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, item: string | undefined): void => {
    if (item !== undefined) setOwn(out, key, item);
  };
  if (value === undefined) return out;
  if (Array.isArray(value)) {
    for (const entry of value) {
      const equals = entry.indexOf('=');
      if (equals === -1) put(entry, bare(entry));
      else put(entry.slice(0, equals), entry.slice(equals + 1));
    }
    return out;
  }
  for (const [key, item] of Object.entries(value)) put(key, item === null ? bare(key) : scalarText(item));
  return out;
}

/** Compose writes booleans and numbers in these maps as their YAML text: `true`, `5432`. */
function scalarText(value: Exclude<RawScalar, null>): string {
  return String(value);
}

import type { Diagnostics } from './diagnostics';
import { interpolate, InterpolationError, type VariableLookup } from './interpolate';
import type { KeyPath } from './key-path';
import { setOwn } from './own-property';
import type { PlainMap, PlainValue } from './plain-value';
import { castInterpolated } from './value-casts';

/**
 * Interpolates every string value of a compose document (keys are left alone, as in Compose), then casts
 * values Compose types back (see value-casts). A missing required variable becomes a problem at its key
 * path; an unset variable becomes one warning, as Compose prints one.
 */
export function interpolateTree(
  root: PlainValue,
  lookup: VariableLookup,
  diagnostics: Diagnostics,
): PlainValue {
  const warned = new Set<string>();
  const visit = (value: PlainValue, path: KeyPath): PlainValue => {
    if (typeof value === 'string') {
      try {
        const text = interpolate(value, lookup, (name) => {
          if (warned.has(name)) return;
          warned.add(name);
          diagnostics.warn(path, `the variable ${name} is not set, so it is read as an empty string`);
        });
        return castInterpolated(path, text);
      } catch (error) {
        if (!(error instanceof InterpolationError)) throw error;
        diagnostics.problem(path, error.message);
        return value;
      }
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (value === null || typeof value !== 'object') return value;
    const out: PlainMap = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, visit(item, [...path, key]));
    return out;
  };
  return visit(root, []);
}

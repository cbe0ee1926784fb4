/** Finds a variable's value; undefined means unset, which is not the same as set to ''. */
export type VariableLookup = (name: string) => string | undefined;

/** A `$` expression Compose would refuse: the message is Compose's own wording where it has one. */
export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/;

/**
 * Substitutes variables the way Compose does: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}`, `${VAR?message}`, `${VAR:+replacement}`, `${VAR+replacement}` and `$$` for a literal
 * `$`. Defaults and replacements are themselves interpolated, but only when used, so
 * `${A:-${B:?needed}}` only fails when A is empty too. `onUnset` hears of every variable that was read
 * while unset, because Compose warns about those rather than failing.
 */
export function interpolate(text: string, lookup: VariableLookup, onUnset?: (name: string) => void): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) return out + text.slice(i);
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 2);
      if (close === -1) throw invalid(text);
      out += substitute(text.slice(dollar + 2, close), text, lookup, onUnset);
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (name === undefined) throw invalid(text);
      out += valueOf(name, lookup, onUnset);
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

function substitute(
  inner: string,
  whole: string,
  lookup: VariableLookup,
  onUnset?: (name: string) => void,
): string {
  const match = BRACED.exec(inner);
  const name = match?.[1];
  if (match === null || name === undefined) throw invalid(whole);
  const operator = match[2];
  const argument = match[3] ?? '';
  const value = lookup(name);
  const empty = value === undefined || value === '';
  switch (operator) {
    case undefined:
      return valueOf(name, lookup, onUnset);
    case ':-':
      return empty ? interpolate(argument, lookup, onUnset) : value;
    case '-':
      return value === undefined ? interpolate(argument, lookup, onUnset) : value;
    case ':?':
      if (empty) throw missing(name, argument);
      return value;
    case '?':
      if (value === undefined) throw missing(name, argument);
      return value;
    case ':+':
      return empty ? '' : interpolate(argument, lookup, onUnset);
    case '+':
      return value === undefined ? '' : interpolate(argument, lookup, onUnset);
    default:
      throw invalid(whole);
  }
}

function valueOf(name: string, lookup: VariableLookup, onUnset?: (name: string) => void): string {
  const value = lookup(name);
  if (value === undefined) onUnset?.(name);
  return value ?? '';
}

/** The `}` that closes a `${` opened just before `from`, skipping `$$` and nested `${…}`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '$' && (text[j + 1] === '$' || text[j + 1] === '{')) {
      if (text[j + 1] === '{') depth++;
      j++;
    } else if (c === '}' && --depth === 0) {
      return j;
    }
  }
  return -1;
}

function missing(name: string, reason: string): InterpolationError {
  return new InterpolationError(
    reason === ''
      ? `required variable ${name} is missing a value`
      : `required variable ${name} is missing a value: ${reason}`,
  );
}

function invalid(text: string): InterpolationError {
  return new InterpolationError(
    `invalid interpolation format in ${JSON.stringify(text)}: write $$ for a literal $`,
  );
}

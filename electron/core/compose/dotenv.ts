import { interpolate, InterpolationError, type VariableLookup } from './interpolate';
import { setOwn } from './own-property';

/** A line of a dotenv file Compose would refuse, with where it is. */
export class DotenvError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
    this.name = 'DotenvError';
  }
}

const KEY = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
  $: '$$',
};

/**
 * Reads a dotenv file as Compose does: `#` comments, an optional `export ` prefix, single quotes kept
 * literally, double quotes with escapes spanning several lines, and `${…}` in unquoted and double-quoted
 * values. A reference is looked up in `lookup` first (the environment Parity was given wins, as in
 * Compose), then among the keys read earlier in the same file. A bare `KEY` line takes KEY from `lookup`.
 */
export function parseDotenv(
  source: string,
  lookup: VariableLookup,
  onUnset?: (name: string) => void,
): Record<string, string> {
  const text = source.replace(/\r\n?/g, '\n');
  const values: Record<string, string> = {};
  const resolve: VariableLookup = (name) =>
    lookup(name) ?? (Object.hasOwn(values, name) ? values[name] : undefined);
  const at = (offset: number, message: string): DotenvError => {
    const before = text.slice(0, offset).split('\n');
    return new DotenvError(before.length, (before.at(-1)?.length ?? 0) + 1, message);
  };
  const expand = (template: string, offset: number): string => {
    try {
      return interpolate(template, resolve, onUnset);
    } catch (error) {
      if (error instanceof InterpolationError) throw at(offset, error.message);
      throw error;
    }
  };
  const skip = (from: number, chars: RegExp): number => {
    let i = from;
    while (i < text.length && chars.test(text.charAt(i))) i++;
    return i;
  };
  const endOfLine = (from: number): number => {
    const newline = text.indexOf('\n', from);
    return newline === -1 ? text.length : newline;
  };

  let pos = 0;
  for (;;) {
    pos = skip(pos, /\s/);
    if (pos >= text.length) return values;
    if (text[pos] === '#') {
      pos = endOfLine(pos);
      continue;
    }
    if (/^export[ \t]/.test(text.slice(pos, pos + 7))) pos = skip(pos + 6, /[ \t]/);
    KEY.lastIndex = pos;
    const key = KEY.exec(text)?.[0];
    if (key === undefined)
      throw at(pos, `expected a variable name, found ${JSON.stringify(text.charAt(pos))}`);
    pos = skip(pos + key.length, /[ \t]/);
    const separator = text.charAt(pos);
    if (separator === '' || separator === '\n' || separator === '#') {
      // A bare KEY passes the variable through from the environment, or leaves it out when unset.
      const inherited = lookup(key);
      if (inherited !== undefined) setOwn(values, key, inherited);
      pos = endOfLine(pos);
      continue;
    }
    if (separator !== '=') throw at(pos, `expected "=" after ${key}`);
    pos = skip(pos + 1, /[ \t]/);
    const quote = text.charAt(pos);
    if (quote === "'") {
      const close = text.indexOf("'", pos + 1);
      if (close === -1) throw at(pos, `the single quote opened for ${key} is never closed`);
      setOwn(values, key, text.slice(pos + 1, close));
      pos = afterQuote(close + 1);
    } else if (quote === '"') {
      let template = '';
      let i = pos + 1;
      for (; i < text.length && text[i] !== '"'; i++) {
        const c = text.charAt(i);
        if (c === '\\' && i + 1 < text.length) {
          const next = text.charAt(++i);
          template += ESCAPES[next] ?? `\\${next}`;
        } else {
          template += c;
        }
      }
      if (i >= text.length) throw at(pos, `the double quote opened for ${key} is never closed`);
      setOwn(values, key, expand(template, pos));
      pos = afterQuote(i + 1);
    } else {
      const end = endOfLine(pos);
      // A # starts a comment only after whitespace, so `a#b` stays a value, as in Compose.
      const raw = text
        .slice(pos, end)
        .replace(/\s#.*$/, '')
        .trim();
      setOwn(values, key, expand(raw, pos));
      pos = end;
    }
  }

  function afterQuote(from: number): number {
    const rest = skip(from, /[ \t]/);
    if (rest >= text.length || text[rest] === '\n') return rest;
    if (text[rest] === '#') return endOfLine(rest);
    throw at(rest, 'unexpected text after the closing quote');
  }
}

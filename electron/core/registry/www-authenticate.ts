/**
 * One challenge of a WWW-Authenticate header (RFC 7235): `Bearer realm="…",service="…",scope="…"`.
 * Scheme names are lowercased, as are parameter names; values are unquoted and unescaped.
 */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses every challenge in the header. A server may offer several (`Basic realm="x", Bearer realm="y"`),
 * and a quoted scope may itself hold commas (`repository:app:pull,push`), so this reads token by token
 * rather than splitting on commas.
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const skip = (pattern: RegExp): void => {
    while (i < header.length && pattern.test(header.charAt(i))) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < header.length && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(header.charAt(i))) i++;
    return header.slice(start, i);
  };

  while (i < header.length) {
    skip(/[\s,]/);
    const scheme = token();
    if (scheme === '') {
      i++;
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    for (;;) {
      skip(/[\s,]/);
      const mark = i;
      const name = token();
      skip(/\s/);
      if (name === '' || header.charAt(i) !== '=') {
        // Not a parameter: the next challenge's scheme starts here (or a token68 we do not use).
        i = mark;
        break;
      }
      i++;
      skip(/\s/);
      let value = '';
      if (header.charAt(i) === '"') {
        i++;
        while (i < header.length && header.charAt(i) !== '"') {
          if (header.charAt(i) === '\\' && i + 1 < header.length) i++;
          value += header.charAt(i);
          i++;
        }
        i++;
      } else {
        value = token();
      }
      challenge.params[name.toLowerCase()] = value;
    }
  }
  return challenges;
}

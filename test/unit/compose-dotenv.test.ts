import { describe, expect, it } from 'vitest';
import { DotenvError, parseDotenv } from '../../electron/core/compose/dotenv';

const none = (): undefined => undefined;

describe('dotenv files, as Compose reads them', () => {
  it('reads comments, export, quotes, inline comments and multi-line double quotes', () => {
    const text = [
      '# a comment',
      '',
      'export PLAIN=value',
      'SPACED = padded value   ',
      'INLINE=kept # dropped',
      'HASH=a#b',
      "SINGLE='literal ${PLAIN} # kept'",
      'DOUBLE="line one',
      'line two"',
      'ESCAPES="tab\\there\\nnew \\"quoted\\" \\$PLAIN"',
      'EMPTY=',
      'CRLF=yes\r',
    ].join('\n');
    expect(parseDotenv(text, none)).toEqual({
      PLAIN: 'value',
      SPACED: 'padded value',
      INLINE: 'kept',
      HASH: 'a#b',
      SINGLE: 'literal ${PLAIN} # kept',
      DOUBLE: 'line one\nline two',
      ESCAPES: 'tab\there\nnew "quoted" $PLAIN',
      EMPTY: '',
      CRLF: 'yes',
    });
  });

  it('interpolates from the given environment first, then from keys read earlier', () => {
    const text = 'HOST=db\nURL=postgres://${HOST}:${PORT:-5432}/${NAME}\nLATER=$HOST';
    const given = (name: string): string | undefined => ({ NAME: 'app', HOST: 'from-env' })[name];
    expect(parseDotenv(text, given)).toEqual({
      HOST: 'db',
      URL: 'postgres://from-env:5432/app',
      LATER: 'from-env',
    });
    expect(parseDotenv(text, none)).toMatchObject({ URL: 'postgres://db:5432/', LATER: 'db' });
  });

  it('passes a bare key through from the environment, or leaves it out', () => {
    const given = (name: string): string | undefined => (name === 'TOKEN' ? 'abc' : undefined);
    expect(parseDotenv('TOKEN\nMISSING\n', given)).toEqual({ TOKEN: 'abc' });
  });

  it('keeps a hostile key as data', () => {
    const values = parseDotenv('__proto__=polluted\n', none);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.hasOwn(values, '__proto__')).toBe(true);
  });

  it.each([
    ['OK=1\nDOUBLE="never closed\n', 2, 8, /double quote.*never closed/],
    ["OK=1\n\nSINGLE='open\n", 3, 8, /single quote.*never closed/],
    ['1BAD=x\n', 1, 1, /expected a variable name/],
    ['KEY value\n', 1, 5, /expected "=" after KEY/],
    ['QUOTED="a" trailing\n', 1, 12, /after the closing quote/],
    ['A=${REQUIRED:?tell me}\n', 1, 3, /REQUIRED is missing a value: tell me/],
  ])('reports %j at line %i, column %i', (text, line, column, message) => {
    let caught: unknown;
    try {
      parseDotenv(text, none);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DotenvError);
    expect(caught).toMatchObject({ line, column, message: expect.stringMatching(message) });
  });
});

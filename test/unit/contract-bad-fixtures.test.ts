import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContractError, formatProblem } from '../../electron/core/contract/contract-error';
import { loadContract } from '../../electron/core/contract/load-contract';

const FIXTURES = fileURLToPath(new URL('../fixtures/contracts', import.meta.url));
const BAD = join(FIXTURES, 'bad');

interface Expected {
  line: number;
  column: number;
  keyPath: string;
  message: RegExp;
}

/** Every file of the bad corpus, with every problem it must be rejected with, in order. */
const corpus: Record<string, Expected[]> = {
  'unknown-top-level-key.yml': [
    { line: 1, column: 1, keyPath: 'images', message: /^is required but missing; expected a mapping$/ },
    { line: 3, column: 1, keyPath: 'imgaes', message: /^unknown key "imgaes" — did you mean "images"\?$/ },
  ],
  'unknown-nested-key.yml': [
    {
      line: 14,
      column: 3,
      keyPath: 'staging.hostkey',
      message: /^unknown key "hostkey" — did you mean "hostKey"\?$/,
    },
  ],
  'threshold-not-a-number.yml': [
    {
      line: 16,
      column: 12,
      keyPath: 'threshold',
      message: /^expected a number from 0 to 1, got text "high"$/,
    },
  ],
  'version-2.yml': [{ line: 1, column: 10, keyPath: 'version', message: /^expected 1, got the number 2$/ }],
  'malformed-image.yml': [
    {
      line: 4,
      column: 8,
      keyPath: 'images.web',
      message: /^expected an image reference .*got text "nginx:1.27@sha256:abc123"$/,
    },
  ],
  'malformed-host-key.yml': [
    {
      line: 14,
      column: 12,
      keyPath: 'staging.hostKey',
      message: /^expected a host key fingerprint .*ssh-keygen -lf -\), got text "SHA256:abc="$/,
    },
  ],
  'tab-indentation.yml': [
    {
      line: 13,
      column: 1,
      keyPath: '',
      message: /^this line is indented with a tab; YAML indents with spaces only$/,
    },
  ],
  'duplicate-key.yml': [{ line: 3, column: 1, keyPath: 'name', message: /^this key is written twice/ }],
  'unclosed-quote.yml': [
    { line: 2, column: 12, keyPath: 'name', message: /^a quoted value is never closed/ },
  ],
  'bad-indentation.yml': [
    {
      line: 13,
      column: 8,
      keyPath: 'staging.ssh',
      message: /^the indentation of this line and the next does not line up/,
    },
  ],
  'multiple-documents.yml': [
    { line: 16, column: 1, keyPath: '', message: /^a second YAML document starts here/ },
  ],
  'empty.yml': [{ line: 1, column: 1, keyPath: '', message: /^the file is empty/ }],
  'top-level-list.yml': [
    { line: 1, column: 1, keyPath: '', message: /^the top level must be a mapping .*, got a list$/ },
  ],
  'alias-bomb.yml': [
    {
      line: 3,
      column: 8,
      keyPath: 'b[0]',
      message: /^aliases \(\*name\) in this file expand to more than 100 copies/,
    },
  ],
  'deep-nesting.yml': [
    {
      line: 16,
      column: 1,
      keyPath: 'not-a-key',
      message: /^unknown key "not-a-key"; the keys allowed here are version, name,/,
    },
  ],
  'not-utf8.yml': [
    { line: 2, column: 10, keyPath: '', message: /^the file is not UTF-8 text: byte 0xE9 here/ },
  ],
  'env-required-number.yml': [
    {
      line: 6,
      column: 13,
      keyPath: 'env.required',
      message: /^expected a list of strings, got the number 3$/,
    },
  ],
  'seed-env-number.yml': [
    {
      line: 11,
      column: 18,
      keyPath: 'seed.env.SEED_RANDOM',
      message: /^expected text, got the number 42 — put it in quotes: "42"$/,
    },
  ],
  'ssh-option-injection.yml': [
    {
      line: 13,
      column: 8,
      keyPath: 'staging.ssh',
      message: /^expected user@host.*got text "-oProxyCommand=touch \/tmp\/pwned"$/,
    },
  ],
  'missing-key.yml': [
    {
      line: 12,
      column: 1,
      keyPath: 'staging.engine',
      message: /^is required but missing; expected "docker"$/,
    },
  ],
  'unknown-anchor.yml': [
    {
      line: 4,
      column: 8,
      keyPath: 'images.web',
      message: /^this alias refers to an anchor \(&name\) that is not defined/,
    },
  ],
  'empty-command.yml': [
    {
      line: 9,
      column: 12,
      keyPath: 'seed.command',
      message: /^must list at least one item, got an empty list$/,
    },
  ],
};

async function rejection(file: string): Promise<ContractError> {
  const error: unknown = await loadContract(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ContractError))
    throw new Error(`${file} was not rejected with a ContractError: ${String(error)}`);
  return error;
}

describe('the bad contract corpus', () => {
  it('has an expectation for every file, and a file for every expectation', () => {
    expect(readdirSync(BAD).sort()).toEqual(Object.keys(corpus).sort());
  });

  for (const [name, expected] of Object.entries(corpus)) {
    it(`rejects ${name} at the right line, column and key`, async () => {
      const file = join(BAD, name);
      const error = await rejection(file);
      expect(error.code).toBe('invalid-request');
      expect(error.problems.map(({ line, column, keyPath }) => ({ line, column, keyPath }))).toEqual(
        expected.map(({ line, column, keyPath }) => ({ line, column, keyPath })),
      );
      error.problems.forEach((problem, i) => {
        expect(problem.file).toBe(file);
        expect(problem.message).toMatch(expected[i]!.message);
      });
    });
  }

  it('prints each problem as file:line:column, key path and words, never a stack trace', async () => {
    const error = await rejection(join(BAD, 'unknown-top-level-key.yml'));
    expect(error.message.split('\n')).toEqual(
      [
        'bad/unknown-top-level-key.yml is not a valid Parity contract (2 problems):',
        'bad/unknown-top-level-key.yml:1:1  images: is required but missing; expected a mapping',
        'bad/unknown-top-level-key.yml:3:1  imgaes: unknown key "imgaes" — did you mean "images"?',
      ].map((line) => line.replaceAll('bad/', `${relative(process.cwd(), BAD)}/`)),
    );
    expect(formatProblem(error.problems[1]!, FIXTURES)).toBe(
      'bad/unknown-top-level-key.yml:3:1  imgaes: unknown key "imgaes" — did you mean "images"?',
    );
    expect(error.hint).toMatch(/Fix the lines above/);
    expect(error.toData()).toEqual({ code: 'invalid-request', message: error.message, hint: error.hint });
  });
});

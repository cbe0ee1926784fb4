import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../electron/core/contract/contract-error';
import { parseContract } from '../../electron/core/contract/load-contract';
import { readLock } from '../../electron/core/lock/lock-file';
import { ParityError } from '../../electron/core/parity-error';
import { snapshotFromSections } from '../../electron/core/snapshot/staging-snapshot';
import { parseSections } from '../../electron/core/staging/staging-output';
import { reliabilityTable } from './reliability-table';

/**
 * Property-based fuzzing of the loaders that read what a person or a remote host wrote: parity.yml, the
 * parity.lock JSON and staging's snapshot output. Whatever the bytes, the loader either gives a value or
 * throws a ParityError that says where; any other exception (TypeError, RangeError, a stack overflow) is a
 * bug. Compose files are fuzzed in test/unit/compose-property.test.ts; their nasty corpus is in
 * test/faults/bad-corpus.test.ts.
 */
const table = reliabilityTable('1-fuzz', 'Malformed input: property-based fuzzing (fast-check)');
afterAll(() => table.write());
const dir = mkdtempSync(join(tmpdir(), 'parity-faults-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS = 400;

const key = fc.constantFrom(
  'version',
  'name',
  'images',
  'env',
  'required',
  'template',
  'seed',
  'service',
  'command',
  'dump',
  'health',
  'url',
  'ignore',
  'staging',
  'ssh',
  'engine',
  'project',
  'hostKey',
  'threshold',
  'compose',
  '__proto__',
  'constructor',
  'web',
  'db',
);
const scalar = fc.oneof(
  fc.constantFrom(
    'nginx:1.27',
    'deploy@10.0.0.5',
    'docker',
    'http://127.0.0.1:8080/h',
    '',
    'SHA256:x',
    '-oProxyCommand=x',
  ),
  fc.integer({ min: -5, max: 70_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node;

/** Every problem of a ContractError must carry a real place: the file and a 1-based line and column. */
function contractOutcome(input: string | Uint8Array): 'contract' | 'problems' {
  try {
    parseContract(input, '/w/parity.yml');
    return 'contract';
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(problem.file).toBe('/w/parity.yml');
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.column).toBeGreaterThanOrEqual(1);
    }
    return 'problems';
  }
}

describe('parity.yml fuzzing', () => {
  it('parity.yml: random text and random bytes give a contract or a ContractError with file:line:col', () => {
    const yamlish = fc.stringMatching(/^[a-z0-9 :\-\n\t[\]{}"'&*<|>#$.,!%@`~/]{0,120}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish, fc.uint8Array({ maxLength: 200 })), (input) => {
        contractOutcome(input);
      }),
      { numRuns: RUNS },
    );
    table.record({
      scenario: `parity.yml: ${RUNS} random strings, YAML-ish text and raw byte arrays`,
      expected: 'a contract, or a ContractError whose every problem names file, line and column',
      observed: `${RUNS} inputs, no other exception`,
      test: 'parity.yml: random text and random bytes give a contract or a ContractError with file:line:col',
    });
  });

  it('parity.yml: random documents shaped like contracts, wrong types anywhere, are never a crash', () => {
    const document = fc.dictionary(key, tree, { maxKeys: 8 });
    let rejected = 0;
    fc.assert(
      fc.property(document, (doc) => {
        if (contractOutcome(stringify(doc)) === 'problems') rejected++;
      }),
      { numRuns: RUNS },
    );
    // The generator reaches the schema checks, not only YAML syntax errors.
    expect(rejected).toBeGreaterThan(0);
    table.record({
      scenario: `parity.yml: ${RUNS} generated documents with contract keys and values of every type`,
      expected: 'ContractError naming each wrong key path at its line; never another exception',
      observed: `${RUNS} documents, no other exception`,
      test: 'parity.yml: random documents shaped like contracts, wrong types anywhere, are never a crash',
    });
  });
});

describe('parity.lock fuzzing', () => {
  it('parity.lock: random JSON and random bytes give a lock or a ParityError naming the file', async () => {
    const path = join(dir, 'parity.lock');
    const json = fc.json({ maxDepth: 6 });
    const lockish = fc
      .record(
        { version: tree, compose: tree, images: fc.dictionary(key, tree, { maxKeys: 3 }) },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v));
    await fc.assert(
      fc.asyncProperty(fc.oneof(json, lockish, fc.uint8Array({ maxLength: 200 })), async (input) => {
        writeFileSync(path, input);
        try {
          await readLock(path);
        } catch (error) {
          if (!(error instanceof ParityError)) throw error;
          expect(error.code).toBe('invalid-request');
          expect(error.message).toContain(path);
        }
      }),
      { numRuns: RUNS },
    );
    table.record({
      scenario: `parity.lock: ${RUNS} random JSON values, lock-shaped objects with wrong types, raw bytes`,
      expected: 'a lock, or ParityError invalid-request naming the file and key path',
      observed: `${RUNS} inputs, no other exception`,
      test: 'parity.lock: random JSON and random bytes give a lock or a ParityError naming the file',
    });
  });
});

describe('staging snapshot fuzzing', () => {
  it('staging snapshot: random section output and random inspect JSON never crash the snapshot builder', () => {
    const spec = {
      project: 'shop',
      salt: 'salt',
      health: [
        {
          service: 'web',
          url: 'http://127.0.0.1:8080/h',
          inContainerUrl: 'http://127.0.0.1:80/h',
          ignore: ['time'],
        },
      ],
      seed: null,
    };
    const kinds = new Set(['engine', 'container', 'image', 'env', 'runtime', 'health', 'schema', 'seed']);
    const kind = fc.constantFrom(...kinds, 'bogus');
    const body = fc.oneof(
      fc.string(),
      fc.json({ maxDepth: 5 }),
      tree.map((v) => JSON.stringify(v) ?? ''),
    );
    const section = fc
      .tuple(kind, fc.constantFrom('', 'abc', 'web'), body)
      .map(([k, a, b]) => `@@${k} ${a}\n${b}`);
    const output = fc.oneof(
      fc.array(section, { maxLength: 6 }).map((s) => `${s.join('\n')}\n@@end\n`),
      fc.string(),
    );
    fc.assert(
      fc.property(output, (text) => {
        let sections;
        try {
          sections = parseSections(text, kinds);
        } catch (error) {
          // Truncated output is a plain Error that stagingSnapshot turns into a ParityError 'ssh-failed'.
          expect((error as Error).message).toContain('ended before its last section');
          return;
        }
        const snapshot = snapshotFromSections(sections, spec);
        expect(snapshot.side).toBe('staging');
        expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
      }),
      { numRuns: RUNS },
    );
    table.record({
      scenario: `staging snapshot: ${RUNS} random section streams with garbage and wrong-typed inspect JSON`,
      expected:
        'a JSON-clean snapshot (bad parts dropped), or "the staging output ended" for truncated output',
      observed: `${RUNS} outputs, no other exception`,
      test: 'staging snapshot: random section output and random inspect JSON never crash the snapshot builder',
    });
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab } from '../lab/lab-config';
import { reliabilityTable } from './reliability-table';

/**
 * The nasty-file corpus (test/fixtures/bad/) through the built CLI: each file is bad input, so exit 2, the
 * message names the file and the place (line:column for YAML, the key path for JSON), and never a stack
 * trace. The 10 MB files are generated here rather than committed. parity.yml's own corpus (tabs, alias
 * bomb, deep nesting, not UTF-8, …) runs in test/integration/cli-bad-input.test.ts.
 */
const lab = loadLab();
const table = reliabilityTable('2-corpus', 'Malformed input: the nasty-file corpus through the CLI');
afterAll(() => table.write());
const BAD = join('test', 'fixtures', 'bad');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const STACK_TRACE = /\n\s+at \S+ \(/;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-faults-corpus-'));
  temps.push(dir);
  cpSync(lab.workspace, dir, { recursive: true });
  return dir;
}

function parity(args: string[]): { status: number | null; stderr: string; ms: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, DOCKER_HOST: lab.engine.socket, DB_PASSWORD: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr, ms: Date.now() - started };
}

/** The first `file:line:col` the CLI printed: what a terminal turns into a link. */
function place(stderr: string, file: string): string {
  return new RegExp(`${file.replace('.', '\\.')}:\\d+:\\d+`).exec(stderr)?.[0] ?? '(no place)';
}

describe('compose corpus', () => {
  it.each(readdirSync(join(BAD, 'compose')).sort())(
    'docker-compose.yml: %s → exit 2 at its place',
    (name) => {
      const dir = workspace();
      copyFileSync(join(BAD, 'compose', name), join(dir, 'docker-compose.yml'));
      const run = parity(['up', '--workspace', dir]);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.status).toBe(2);
      const at = place(run.stderr, 'docker-compose.yml');
      expect(at).toMatch(/:\d+:\d+$/);
      table.record({
        scenario: `compose file ${name}`,
        expected: 'parity up: exit 2, file:line:col, no stack trace',
        observed: `exit ${run.status}, ${at}`,
        test: `docker-compose.yml: ${name} → exit 2 at its place`,
      });
    },
  );

  it('docker-compose.yml: a 10 MB file → exit 2 before it is parsed', () => {
    const dir = workspace();
    const line = '    # padding padding padding padding padding padding padding padding padding padding\n';
    writeFileSync(
      join(dir, 'docker-compose.yml'),
      `services:\n  app:\n${line.repeat(Math.ceil(10_485_760 / line.length))}`,
    );
    const run = parity(['up', '--workspace', dir]);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('docker-compose.yml');
    expect(run.stderr).toMatch(/larger than|too large/);
    table.record({
      scenario: 'compose file of 10 MB (generated)',
      expected: 'parity up: exit 2 naming the file and its size limit',
      observed: `exit ${run.status}, ${/larger than [^.;\n]+/.exec(run.stderr)?.[0] ?? 'too large'}`,
      test: 'docker-compose.yml: a 10 MB file → exit 2 before it is parsed',
    });
  });
});

describe('parity.yml corpus', () => {
  it('parity.yml: a 10 MB file → exit 2 before it is parsed', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'parity.yml'), `version: 1\n${'# padding\n'.repeat(1_048_576)}`);
    const run = parity(['doctor', '--workspace', dir]);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('parity.yml');
    table.record({
      scenario: 'parity.yml of 10 MB (generated)',
      expected: 'parity doctor: exit 2 naming the file',
      observed: `exit ${run.status}, ${place(run.stderr, 'parity.yml')}`,
      test: 'parity.yml: a 10 MB file → exit 2 before it is parsed',
    });
  });
});

describe('parity.lock corpus', () => {
  it.each(readdirSync(join(BAD, 'lock')).sort())('parity.lock: %s → exit 2 naming the file', (name) => {
    const dir = workspace();
    copyFileSync(join(BAD, 'lock', name), join(dir, 'parity.lock'));
    const run = parity(['pull', '--workspace', dir]);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('parity.lock');
    const said = /parity\.lock[^\n]*/.exec(run.stderr)?.[0].replace(dir, '<workspace>') ?? '';
    table.record({
      scenario: `parity.lock ${name}`,
      expected: 'parity pull: exit 2 naming the file and key path, lock untouched',
      observed: `exit ${run.status}: ${said.slice(0, 140)}`,
      test: `parity.lock: ${name} → exit 2 naming the file`,
    });
  });
});

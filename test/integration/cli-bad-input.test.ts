import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../electron/core/contract/contract-error';
import { loadContract } from '../../electron/core/contract/load-contract';
import { loadLab } from '../lab/lab-config';

// Every file of the bad corpora, through the real CLI: exit 2, the file, line and column, never a stack trace.
const lab = loadLab();
const CONTRACTS = join('test', 'fixtures', 'contracts', 'bad');
const COMPOSE = join('test', 'fixtures', 'compose', 'bad');
const composeExpected = JSON.parse(readFileSync(join(COMPOSE, 'expected.json'), 'utf8')) as Array<{
  file: string;
  line: number;
  column: number;
  keyPath: string;
}>;

function parity(args: string[], env: Record<string, string> = {}): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, DOCKER_HOST: lab.engine.socket, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('bad input through the CLI', () => {
  it.each(readdirSync(CONTRACTS).filter((f) => f.endsWith('.yml')))(
    'parity.yml: %s → exit 2 at its line',
    async (name) => {
      const dir = mkdtempSync(join(tmpdir(), 'parity-badcontract-'));
      copyFileSync(join(CONTRACTS, name), join(dir, 'parity.yml'));
      const error = await loadContract(join(dir, 'parity.yml')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ContractError);
      const first = (error as ContractError).problems[0];
      const run = parity(['doctor', '--workspace', dir]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`parity.yml:${first?.line ?? 0}:${first?.column ?? 0}`);
      expect(run.stderr).not.toMatch(/\n\s+at \S+ \(/);
    },
  );

  it.each(composeExpected)('docker-compose.yml: $file → exit 2 at $line:$column $keyPath', (expected) => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-badcompose-'));
    cpSync(lab.workspace, dir, { recursive: true });
    copyFileSync(join(COMPOSE, expected.file), join(dir, 'docker-compose.yml'));
    const run = parity(['up', '--workspace', dir], { DB_PASSWORD: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `docker-compose.yml:${expected.line}:${expected.column}  ${expected.keyPath}`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at \S+ \(/);
  });
});

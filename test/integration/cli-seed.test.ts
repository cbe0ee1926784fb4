import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { labWorkspaceCopy } from '../fixtures/stacks/stack-workspace';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';
import { startProjectDb, type ProjectDb } from '../support/project-db';

const lab = loadLab();
const project = `parity-it-seedcli-${process.pid}`;
let engine: DockerEngine;
let workspace: string;
let db: ProjectDb | undefined;

function parity(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, DOCKER_HOST: lab.engine.socket },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.postgres);
  // A copy of the lab workspace under its own project name, with its db service running as compose would.
  workspace = labWorkspaceCopy(lab.workspace, project).dir;
  db = await startProjectDb(engine, { project, image: lab.images.postgres, workspaceDir: workspace });
});

afterAll(async () => {
  await db?.remove();
});

describe('parity seed (the CLI)', () => {
  it('seeds, prints the checksum to pin, and then matches it', () => {
    const first = parity(['seed', '--workspace', workspace]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const checksum = /seed: (sha256:[0-9a-f]{64})/.exec(first.stdout)?.[1];
    expect(checksum).toBeDefined();
    expect(first.stdout).toContain('parity.yml records no checksum yet');

    const contract = join(workspace, 'parity.yml');
    writeFileSync(
      contract,
      readFileSync(contract, 'utf8').replace(/^( {2}dump: .*)$/m, `$1\n  checksum: ${checksum ?? ''}`),
    );
    const again = parity(['seed', '--workspace', workspace, '--json']);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ service: 'db', checksum, matches: true });
  });

  it('exits 1 naming data.seed-mismatch when the data differs from the pinned checksum', () => {
    const contract = join(workspace, 'parity.yml');
    writeFileSync(contract, readFileSync(contract, 'utf8').replace(/SEED_RANDOM: '42'/, "SEED_RANDOM: '7'"));
    const run = parity(['seed', '--workspace', workspace, '--quiet']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('data.seed-mismatch');
  });

  it('exits 3 with the fix when the service is not running', () => {
    const compose = join(workspace, 'docker-compose.yml');
    const stopped = mkdtempSync(join(tmpdir(), 'parity-seedcli-none-'));
    cpSync(workspace, stopped, { recursive: true });
    writeFileSync(
      join(stopped, 'docker-compose.yml'),
      readFileSync(compose, 'utf8').replace(/^name: .*$/m, 'name: parity-nothing-here'),
    );
    const run = parity(['seed', '--workspace', stopped]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('is not running');
    expect(run.stderr).toContain('npx parity up');
  });
});

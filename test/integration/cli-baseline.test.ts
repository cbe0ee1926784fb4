import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
const project = `parity-it-clibase-${process.pid}`;
const dataDir = mkdtempSync(join(tmpdir(), 'parity-data-'));
let workspace: string;
let db: ProjectDb | undefined;

function parity(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, DOCKER_HOST: lab.engine.socket, PARITY_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  const engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.postgres);
  workspace = labWorkspaceCopy(lab.workspace, project).dir;
  db = await startProjectDb(engine, { project, image: lab.images.postgres, workspaceDir: workspace });
});
afterAll(async () => {
  await db?.remove();
});

describe('parity baseline (the CLI)', () => {
  it('saves a named baseline into Parity’s data folder and lists it with size and age', () => {
    const saved = parity(['baseline', 'save', '--name', 'day one', '--workspace', workspace]);
    expect(saved.stderr).toBe('');
    expect(saved.status).toBe(0);
    expect(saved.stdout).toMatch(
      /^saved baseline \d{8}T\d{6}Z-[0-9a-f]{6} "day one": 3 files, 1 volume\(s\), \d+\.\d MiB\n$/,
    );

    const listed = parity(['baseline', 'list', '--workspace', workspace]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/manual\s+\d+\.\d MiB\s+0 min ago {2}day one\n$/);
    const json = parity(['baseline', 'list', '--json', '--workspace', workspace]);
    expect(JSON.parse(json.stdout)).toHaveLength(1);
  });

  it('says what to do for an unknown action, with exit 2', () => {
    const run = parity(['baseline', 'frobnicate', '--workspace', workspace]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Use: parity baseline save|list');
  });
});

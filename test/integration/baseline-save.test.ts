import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineSchema } from '../../shared/baseline-schema';
import { BaselineStore } from '../../electron/core/baseline/baseline-store';
import { saveBaseline, type BaselineWorkspace } from '../../electron/core/baseline/save-baseline';
import { fileDigest } from '../../electron/core/baseline/volume-archive';
import { loadContract } from '../../electron/core/contract/load-contract';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { runSeed } from '../../electron/core/seed/run-seed';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';
import { startProjectDb, type ProjectDb } from '../support/project-db';

const lab = loadLab();
const project = `parity-it-baseline-${process.pid}`;
let engine: DockerEngine;
let workspace: BaselineWorkspace;
let db: ProjectDb | undefined;
const store = new BaselineStore(mkdtempSync(join(tmpdir(), 'parity-baselines-')));

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.postgres);
  const dir = mkdtempSync(join(tmpdir(), 'parity-baseline-ws-'));
  cpSync(lab.workspace, dir, { recursive: true });
  workspace = { dir, project, contract: (await loadContract(join(dir, 'parity.yml'))).contract };
  db = await startProjectDb(engine, {
    project,
    image: lab.images.postgres,
    workspaceDir: dir,
    env: ['SECRET_TOKEN=never-stored'],
  });
  await runSeed(engine, db.id, workspace.contract.seed, { write: () => {} });
});

afterAll(async () => {
  await db?.remove();
});

describe('baseline save', () => {
  it('records the contract files, what runs, the seed checksum and a verified archive of every volume', async () => {
    const baseline = await saveBaseline(engine, store, workspace, { kind: 'manual', name: 'after seeding' });
    expect(baselineSchema.parse(baseline)).toEqual(baseline);
    expect(baseline.files.map((f) => f.path).sort()).toEqual([
      '.env.example',
      'docker-compose.yml',
      'parity.yml',
    ]);
    for (const file of baseline.files) {
      expect(await fileDigest(join(store.folder(baseline.id), 'files', file.path))).toBe(file.digest);
    }
    expect(baseline.images).toEqual({ db: lab.images.postgres });
    expect(baseline.envKeys['db']).toContain('SECRET_TOKEN');
    expect(readFileSync(join(store.folder(baseline.id), 'manifest.json'), 'utf8')).not.toContain(
      'never-stored',
    );
    expect(baseline.seed).toMatch(/^sha256:/);
    expect(baseline.volumes).toHaveLength(1);
    const [volume] = baseline.volumes;
    expect(volume).toMatchObject({
      key: 'db-data',
      name: `${project}_db-data`,
      archive: 'volumes/db-data.tar',
    });
    expect(await fileDigest(join(store.folder(baseline.id), volume?.archive ?? ''))).toBe(volume?.digest);
    // The database was paused for the copy and runs again.
    expect((await engine.client.getContainer(db?.id ?? '').inspect()).State.Status).toBe('running');
  });

  it('lists newest first, sweeps interrupted saves, and prunes to the newest N', async () => {
    const older = await saveBaseline(engine, store, workspace, {
      kind: 'manual',
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const newer = await saveBaseline(engine, store, workspace, {
      kind: 'first',
      now: new Date('2026-06-01T00:00:00Z'),
    });
    writeFileSync(join(store.root, 'garbage.partial'), 'half a baseline');
    const listed = await store.list();
    expect(listed.map((b) => b.id).slice(-2)).toEqual([newer.id, older.id]);
    expect(existsSync(join(store.root, 'garbage.partial'))).toBe(false);
    const removed = await store.prune(1, new Set([older.id]));
    const left = (await store.list()).map((b) => b.id);
    expect(left).toContain(older.id);
    expect(removed).toContain(newer.id);
    expect(left).toHaveLength(2);
  });
});

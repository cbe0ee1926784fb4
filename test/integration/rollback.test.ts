import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselineStore } from '../../electron/core/baseline/baseline-store';
import { rollback, type StackControl } from '../../electron/core/baseline/rollback';
import { RollbackJournal } from '../../electron/core/baseline/rollback-journal';
import { saveBaseline, type BaselineWorkspace } from '../../electron/core/baseline/save-baseline';
import { loadContract } from '../../electron/core/contract/load-contract';
import { execCapture } from '../../electron/core/engine/container-exec';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { waitForHealthy } from '../../electron/core/engine/health-wait';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
const project = `parity-it-rollback-${process.pid}`;
const volume = `${project}_db-data`;
let engine: DockerEngine;
let workspace: BaselineWorkspace;
const root = mkdtempSync(join(tmpdir(), 'parity-rollback-'));
const store = new BaselineStore(join(root, 'baselines'));
const journal = new RollbackJournal(join(root, 'rollback-journal.json'));

/**
 * The project's db service on the real engine, stopped and started the way the stack does it (containers
 * removed and created again; the named volume stays). `failNextStart` simulates a crash at that step.
 */
class DbService implements StackControl {
  failNextStart = false;
  async stop(): Promise<void> {
    const running = await engine.client.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${project}`] },
    });
    for (const c of running) await engine.client.getContainer(c.Id).remove({ force: true });
  }
  async start(): Promise<void> {
    if (this.failNextStart) {
      this.failNextStart = false;
      throw new Error('simulated crash before the stack started');
    }
    const container = await engine.client.createContainer({
      Image: lab.images.postgres,
      name: `${project}-db-1`,
      Env: ['POSTGRES_DB=app_db'],
      Labels: {
        'com.docker.compose.project': project,
        'com.docker.compose.service': 'db',
        'com.docker.compose.oneoff': 'False',
      },
      HostConfig: { Binds: [`${volume}:/var/lib/postgresql/data`] },
    });
    await container.start();
    await waitForHealthy(engine, container.id, { timeoutMs: 60_000 });
  }
  async sql(statement: string): Promise<string> {
    const [db] = await engine.client.listContainers({
      filters: { label: [`com.docker.compose.project=${project}`] },
    });
    const result = await execCapture(engine, db?.Id ?? '', {
      cmd: ['psql', '-U', 'postgres', '-d', 'app_db', '-v', 'ON_ERROR_STOP=1', '-tAc', statement],
    });
    expect(result.stderr).toBe('');
    return result.stdout.trim();
  }
}
const stack = new DbService();

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.postgres);
  const dir = mkdtempSync(join(tmpdir(), 'parity-rollback-ws-'));
  cpSync(lab.workspace, dir, { recursive: true });
  workspace = { dir, project, contract: (await loadContract(join(dir, 'parity.yml'))).contract };
  await engine.client.createVolume({
    Name: volume,
    Labels: { 'com.docker.compose.project': project, 'com.docker.compose.volume': 'db-data' },
  });
  await stack.start();
  await stack.sql("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('baseline row')");
});

afterAll(async () => {
  await stack.stop();
  await engine.client.getVolume(volume).remove();
});

const rows = (): Promise<string> => stack.sql("SELECT string_agg(body, ',' ORDER BY body) FROM notes");

describe('rollback that never loses data', () => {
  it('resets to the baseline, keeps the newer rows in the before-reset baseline, and undoes', async () => {
    const baseline = await saveBaseline(engine, store, workspace, { kind: 'manual', name: 'known good' });
    expect(baseline.volumeUsers).toEqual({ 'db-data': ['db'] });
    await stack.sql("INSERT INTO notes VALUES ('written later')");

    const reset = await rollback(engine, store, journal, workspace, stack, { to: baseline.id });
    expect(await rows()).toBe('baseline row');
    expect(reset.restoredVolumes).toEqual(['db-data']);
    expect(await journal.read()).toBeUndefined();

    const before = await store.read(reset.beforeReset);
    expect(before.kind).toBe('before-reset');
    await rollback(engine, store, journal, workspace, stack, { to: before.id });
    expect(await rows()).toBe('baseline row,written later');
  });

  it('finishes an interrupted rollback when run again, without a second before-reset copy', async () => {
    const baseline = (await store.list()).find((b) => b.name === 'known good');
    stack.failNextStart = true;
    await expect(
      rollback(engine, store, journal, workspace, stack, { to: baseline?.id ?? '' }),
    ).rejects.toThrow(/simulated crash/);
    const interrupted = await journal.read();
    expect(interrupted?.done).toEqual([
      'save-before-reset',
      'stop',
      'restore-files',
      'restore-volume:db-data',
    ]);
    const beforeCount = (await store.list()).length;

    const finished = await rollback(engine, store, journal, workspace, stack); // no --to: the journal knows
    expect(finished.target.id).toBe(baseline?.id);
    expect(finished.beforeReset).toBe(interrupted?.beforeReset);
    expect((await store.list()).length).toBe(beforeCount);
    expect(await rows()).toBe('baseline row');
    expect(await journal.read()).toBeUndefined();
  });

  it('refuses to overwrite uncommitted contract changes before touching anything, unless forced', async () => {
    const git = (...args: string[]): string =>
      execFileSync('git', [
        '-C',
        workspace.dir,
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@t',
        ...args,
      ]).toString();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'workspace');
    const baseline = await saveBaseline(engine, store, workspace, { kind: 'manual', name: 'committed' });
    expect(baseline.git.commit).toMatch(/^[0-9a-f]{40}$/);
    appendFileSync(join(workspace.dir, '.env.example'), 'NEW_KEY=1\n');
    await stack.sql("INSERT INTO notes VALUES ('kept while refusing')");
    const count = (await store.list()).length;

    await expect(rollback(engine, store, journal, workspace, stack, { to: baseline.id })).rejects.toThrow(
      /uncommitted changes a reset would overwrite: \.env\.example/,
    );
    expect((await store.list()).length).toBe(count); // nothing saved, nothing stopped
    expect(await rows()).toContain('kept while refusing');
    expect(await journal.read()).toBeUndefined();

    const forced = await rollback(engine, store, journal, workspace, stack, { to: baseline.id, force: true });
    expect(forced.restoredFiles).toEqual(['.env.example']);
    expect(readFileSync(join(workspace.dir, '.env.example'), 'utf8')).not.toContain('NEW_KEY');
    expect(await rows()).not.toContain('kept while refusing');
  });
});

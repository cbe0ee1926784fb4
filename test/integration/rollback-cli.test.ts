import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollback } from '../../electron/core/baseline/rollback';
import { archiveVolume } from '../../electron/core/baseline/volume-archive';
import { BaselineStore } from '../../electron/core/baseline/baseline-store';
import { RollbackJournal } from '../../electron/core/baseline/rollback-journal';
import { workspaceDataDir } from '../../electron/core/data-folder';
import { execCapture } from '../../electron/core/engine/container-exec';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { composeStackControl } from '../../electron/core/stack/compose-stack-control';
import { downStack } from '../../electron/core/stack/stack-down';
import { openWorkspaceContext } from '../../electron/core/workspace/workspace-context';
import { labWorkspaceCopy, type StackWorkspace } from '../fixtures/stacks/stack-workspace';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const project = `parity-it-rbcli-${process.pid}`;
const cli = fileURLToPath(new URL('../../bin/parity.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'parity-rbcli-data-'));
const env = { ...process.env, DOCKER_HOST: lab.engine.socket, PARITY_DATA_DIR: dataDir };
let engine: DockerEngine;
let workspace: StackWorkspace;
let knownGood = '';

function parity(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args, '--workspace', workspace.dir], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function containerIds(): Promise<Record<string, string>> {
  const found = await engine.client.listContainers({
    filters: { label: [`com.docker.compose.project=${project}`] },
  });
  return Object.fromEntries(found.map((c) => [c.Labels['com.docker.compose.service'] ?? '', c.Id]));
}

async function sql(statement: string): Promise<string> {
  const db = (await containerIds())['db'];
  expect(db).toBeDefined();
  const result = await execCapture(engine, db ?? '', {
    cmd: ['psql', '-U', 'postgres', '-d', 'app_db', '-v', 'ON_ERROR_STOP=1', '-tAc', statement],
  });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}
const rows = (): Promise<string> => sql("SELECT string_agg(body, ',' ORDER BY body) FROM notes");

/** The stored baselines of the workspace, read straight from Parity's data folder. */
function store(): BaselineStore {
  return new BaselineStore(join(workspaceDataDir(workspace.dir, { PARITY_DATA_DIR: dataDir }), 'baselines'));
}
const journalFile = (): string =>
  join(workspaceDataDir(workspace.dir, { PARITY_DATA_DIR: dataDir }), 'rollback-journal.json');

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  workspace = labWorkspaceCopy(lab.workspace, project);
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
  const up = parity(['up', '--quiet']);
  expect(up.stderr).toBe('');
  expect(up.status).toBe(0);
  await sql("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('baseline row')");
  const saved = parity(['baseline', 'save', '--name', 'known good', '--json']);
  expect(saved.status).toBe(0);
  knownGood = (JSON.parse(saved.stdout) as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await downStack(engine, project, { volumes: true });
  workspace.remove();
});

describe('parity rollback (the CLI, on the lab engine)', () => {
  it('resets to the baseline, keeps the newer rows in the before-reset snapshot, and undoes', async () => {
    await sql("INSERT INTO notes VALUES ('written later')");
    const reset = parity(['rollback', '--json']);
    expect(reset.status, reset.stderr).toBe(0);
    const result = JSON.parse(reset.stdout) as {
      target: string;
      beforeReset: string;
      restoredVolumes: string[];
      check: { passed: boolean };
    };
    expect(result.target).toBe(knownGood);
    expect(result.restoredVolumes).toEqual(['db-data']);
    const steps = reset.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { step: string; status: string });
    expect(steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual([
      'save-before-reset',
      'stop',
      'restore-files',
      'restore-volume:db-data',
      'start',
    ]);
    expect(await rows()).toBe('baseline row');

    // The rows written after the baseline are inside the before-reset snapshot's archive, not the baseline's.
    const archiveOf = (id: string): Buffer =>
      readFileSync(join(store().folder(id), 'volumes', 'db-data.tar'));
    expect(archiveOf(result.beforeReset).includes('written later')).toBe(true);
    expect(archiveOf(knownGood).includes('written later')).toBe(false);

    const undo = parity(['rollback', '--undo', '--json']);
    expect(undo.status, undo.stderr).toBe(0);
    expect((JSON.parse(undo.stdout) as { target: string }).target).toBe(result.beforeReset);
    expect(await rows()).toBe('baseline row,written later');

    const listed = parity(['baseline', 'list']);
    expect(listed.stdout).toMatch(/before-reset\s+\d+\.\d MiB\s+\d+ min ago {2}before reset\n/);
  }, 240_000);

  it('resets one service and leaves the other running: same container id', async () => {
    const before = await containerIds();
    expect(Object.keys(before).sort()).toEqual(['app', 'db']);
    const run = parity(['rollback', '--service', 'db', '--to', knownGood]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('(service db only)');
    const after = await containerIds();
    expect(after['app']).toBe(before['app']);
    expect(after['db']).not.toBe(before['db']);
    expect(await rows()).toBe('baseline row');
  }, 240_000);

  it('finishes a rollback killed between steps when run again', async () => {
    await sql("INSERT INTO notes VALUES ('before the crash')");
    const child = spawn(
      process.execPath,
      [cli, 'rollback', '--to', knownGood, '--json', '--workspace', workspace.dir],
      {
        env,
      },
    );
    let buffered = '';
    const killed = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        for (const line of buffered.split('\n').slice(0, -1)) {
          const step = JSON.parse(line) as { step: string; status: string };
          if (step.step === 'stop' && step.status === 'done') {
            child.kill('SIGKILL');
            resolve(step.step);
          }
        }
      });
      child.on('exit', () => reject(new Error(`the rollback ended before it was killed: ${buffered}`)));
    });
    expect(killed).toBe('stop');
    await new Promise((resolve) => child.once('close', resolve));
    const journal = await new RollbackJournal(journalFile()).read();
    expect(journal?.target).toBe(knownGood);
    expect(journal?.done.slice(0, 2)).toEqual(['save-before-reset', 'stop']);
    expect((await containerIds())['db']).toBeUndefined(); // stopped, not started again

    const again = parity(['rollback']); // no --to: the journal knows where it was going
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`finishing the interrupted rollback to ${knownGood} first`);
    expect(again.stdout).toContain('↷ save the current volumes');
    expect(again.stdout).toContain('✔ restore volume db-data');
    expect(await rows()).toBe('baseline row');
    expect(existsSync(journalFile())).toBe(false);
  }, 240_000);

  it('restores every volume byte: the restored volume archives to the baseline’s sha256', async () => {
    const context = await openWorkspaceContext(workspace.dir);
    const baselines = store();
    const journal = new RollbackJournal(join(dataDir, `${project}-core-journal.json`));
    const stack = composeStackControl(engine, context);
    // Started only after the volume is read back: a running database writes to it.
    const result = await rollback(
      engine,
      baselines,
      journal,
      context,
      { stop: stack.stop, start: async () => {} },
      {
        to: knownGood,
      },
    );
    const target = result.target.volumes[0];
    const copy = await archiveVolume(
      engine,
      target?.name ?? '',
      lab.images.postgres,
      join(dataDir, 'readback.tar'),
    );
    expect(copy.digest).toBe(target?.digest);
    expect(copy.bytes).toBe(target?.bytes);
    await stack.start();
    expect(await rows()).toBe('baseline row');
  }, 240_000);

  it('down --volumes saves the volumes first; rollback --undo brings them back', async () => {
    await sql("INSERT INTO notes VALUES ('kept by down')");
    const down = parity(['down', '--volumes']);
    expect(down.status, down.stderr).toBe(0);
    expect(down.stdout).toMatch(
      /saved the volumes first: baseline \S+ \(get them back with: npx parity rollback --undo\)/,
    );
    const { Volumes } = await engine.client.listVolumes({
      filters: { label: [`com.docker.compose.project=${project}`] },
    });
    expect(Volumes ?? []).toEqual([]);
    const undo = parity(['rollback', '--undo']);
    expect(undo.status, undo.stderr).toBe(0);
    expect(await rows()).toBe('baseline row,kept by down');
  }, 240_000);
});

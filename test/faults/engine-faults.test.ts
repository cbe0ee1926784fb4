import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BaselineStore } from '../../electron/core/baseline/baseline-store';
import { rollback } from '../../electron/core/baseline/rollback';
import { RollbackJournal } from '../../electron/core/baseline/rollback-journal';
import { archiveVolume } from '../../electron/core/baseline/volume-archive';
import { workspaceDataDir } from '../../electron/core/data-folder';
import { execCapture } from '../../electron/core/engine/container-exec';
import { composeStackControl } from '../../electron/core/stack/compose-stack-control';
import { openWorkspaceContext } from '../../electron/core/workspace/workspace-context';
import { prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';
import { loadLab } from '../lab/lab-config';
import { labPaths } from '../lab/paths';
import { runCli, startCli, type CliExit, type CliProcess } from '../support/cli-process';
import { nextEngineEvent } from '../support/engine-event';
import { startPrivateEngine, type PrivateEngine } from '../support/private-engine';
import { startPrivateRegistry, type PrivateRegistry } from '../support/private-registry';
import { reliabilityTable } from './reliability-table';

/**
 * The engine stopped (as `systemctl stop docker` stops it) in the middle of pull, up, seed, check and
 * rollback, and the registry stopped in the middle of a pull. Each runs against an engine and a registry of
 * this file's own (test/support/private-*.ts), so stopping them disturbs no other test. Each fault is struck
 * at a real point the command reached (its progress on stderr, or the engine's own event for its exec or
 * helper), then: exit 3 with a message that names what happened and what to run; after the restart the
 * command finishes; no container left unlabelled or created-but-never-started; the volume's data unchanged.
 */
const lab = loadLab();
const table = reliabilityTable('4-engine', 'Faults: the engine and the registry stopped mid-command');
const project = `parity-fault-engine-${process.pid}`;
const scratch = mkdtempSync(join(tmpdir(), 'parity-fault-engine-'));
const dataDir = join(scratch, 'data');
const workspace = join(scratch, 'workspace');
/** The same workspace with its images served by the private registry (same digests, another host). */
const pullWorkspace = join(scratch, 'pull-workspace');
const CANARY = '/var/lib/postgresql/data/parity-fault-canary';
let engine: PrivateEngine;
let registry: PrivateRegistry;
let env: NodeJS.ProcessEnv;
/** The data as written before the faults: every scenario after must find it again. */
let intact = '';
let knownGood = '';

const parity = (...args: string[]): Promise<CliExit> => runCli([...args, '--workspace', workspace], env);
const started = (...args: string[]): CliProcess => startCli([...args, '--workspace', workspace], env);
/** The JSON lines of a command's progress so far; a line still being written is not one yet. */
function jsonLines(text: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // cut mid-line: the rest is still on its way
    }
  }
  return lines;
}

beforeAll(async () => {
  registry = await startPrivateRegistry({
    sourceData: lab.registryInfo?.dataDir ?? labPaths().registry.data,
    repositories: ['parity/app', 'parity/postgres'],
    // Slow enough that a pull is still downloading when the fault strikes: the PostgreSQL image takes seconds.
    bytesPerSecond: 16_000_000,
  });
  // One download attempt: the engine reports a broken download at once, so what is measured is Parity's retry.
  engine = await startPrivateEngine({ name: 'ef', extraArgs: ['--max-download-attempts=1'] });
  env = { ...process.env, DOCKER_HOST: engine.dockerHost, PARITY_DATA_DIR: dataDir, DOCKER_CONFIG: scratch };
  await prepareLocalWorkspace(lab, workspace, project);
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', workspace, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]).toString();
  // Under the load these tests meet (other suites on two cores), initdb alone can outlast the lab's 2 s probe
  // budget; this file is about the engine going away, not about slow health, so the db gets patience.
  const compose = join(workspace, 'docker-compose.yml');
  writeFileSync(
    compose,
    readFileSync(compose, 'utf8')
      .replace(/timeout: 2s/g, 'timeout: 10s')
      .replace(/retries: 10\b/, 'retries: 60')
      .replace(/start_period: 10s/, 'start_period: 180s'),
  );
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'workspace');
  cpSync(workspace, pullWorkspace, { recursive: true });
  for (const file of ['parity.yml', 'docker-compose.yml']) {
    const path = join(pullWorkspace, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(lab.registry, registry.host));
  }
}, 180_000);

// A scenario that failed half-way must not take the next one down with it.
beforeEach(async () => {
  if (!engine.running()) await engine.start();
  if (!registry.running()) await registry.start();
}, 120_000);

afterAll(async () => {
  table.write();
  await engine?.dispose();
  await registry?.dispose();
  rmSync(scratch, { recursive: true, force: true });
}, 120_000);

/** Every container on the engine carries its compose project's label and none sits created-but-never-started. */
async function leftovers(): Promise<string[]> {
  const all = await engine.engine().client.listContainers({ all: true });
  return all
    .filter((c) => c.State === 'created' || c.Labels['com.docker.compose.project'] === undefined)
    .map((c) => `${c.Names.join(',')} (${c.State}, ${Object.keys(c.Labels).join(' ') || 'no labels'})`);
}

async function dbContainer(): Promise<string> {
  const [db] = await engine.engine().client.listContainers({
    filters: { label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=db'] },
  });
  if (db === undefined) throw new Error('the db service is not running');
  return db.Id;
}

async function inDb(cmd: string[]): Promise<string> {
  const result = await execCapture(engine.engine(), await dbContainer(), { cmd });
  if (result.exitCode !== 0) throw new Error(`${cmd.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * What "the data is intact" means for a live database: the canary file's sha256 (bytes PostgreSQL never
 * touches) and a digest of every row of the seeded and written tables. PostgreSQL's own files change on
 * every start, so their bytes are proved by the rollback scenarios, where the stack is stopped.
 */
async function dataDigest(): Promise<string> {
  const canary = await inDb(['sha256sum', CANARY]);
  const rows = await inDb([
    'psql',
    '-U',
    'postgres',
    '-d',
    'app_db',
    '-tAc',
    "SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (SELECT c::text AS t FROM customers c UNION ALL SELECT n::text FROM notes n) rows",
  ]);
  return `${canary.split(' ')[0] ?? ''} ${rows}`;
}

/** The images of the pull workspace, as parity.yml pins them. */
function pullImages(): string[] {
  const contract = parse(readFileSync(join(pullWorkspace, 'parity.yml'), 'utf8')) as {
    images: Record<string, string>;
  };
  return Object.values(contract.images);
}

const downloading =
  (service: string) =>
  ({ stderr }: { stderr: string }): boolean =>
    jsonLines(stderr).some((e) => e.type === 'layer' && e.service === service && e.status === 'Downloading');

/** Stops the engine once `point` resolves, and says when the command ended relative to that. */
async function strike(point: Promise<unknown>, command: CliProcess): Promise<CliExit> {
  await point;
  await engine.stop();
  return command.exit;
}

function expectEngineLost(run: CliExit, command: string): string {
  expect(run.stderr).not.toMatch(/\n\s+at \S+ \(/);
  expect(run.code, run.stderr).toBe(3);
  const line = /parity: [^\n]*engine[^\n]*/i.exec(run.stderr)?.[0] ?? '';
  expect(line, run.stderr).toMatch(
    /stopped answering|connection (was )?lost|does not answer|No engine answers/i,
  );
  expect(run.stderr).toContain(`npx parity ${command}`);
  // The engine's exact words depend on the instant it went (a cut connection, a missing socket): the row
  // keeps only what is promised, so a rerun on an unchanged tree writes the same table.
  return `names the lost engine and "npx parity ${command}"`;
}

describe('the engine stopped mid-command, then restarted', () => {
  it('pull: engine stopped mid-download → exit 3; after the restart pull finishes', async () => {
    const pull = startCli(['pull', '--json', '--workspace', pullWorkspace], env);
    const run = await strike(
      pull.waitFor(
        'a db layer downloading',
        ({ stderr }) =>
          jsonLines(stderr).some(
            (e) => e.type === 'layer' && e.service === 'db' && e.status === 'Downloading',
          ),
        120_000,
      ),
      pull,
    );
    const said = expectEngineLost(run, 'pull');
    expect(existsSync(join(pullWorkspace, 'parity.lock'))).toBe(false);
    await engine.start();
    const again = await runCli(['pull', '--workspace', pullWorkspace], env);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(pullWorkspace, 'parity.lock'))).toBe(true);
    expect(await leftovers()).toEqual([]);
    table.record({
      scenario: 'engine stopped while parity pull downloads a layer',
      expected: 'exit 3 naming the lost engine and the command; after a restart pull finishes, lock written',
      observed: `exit ${run.code}: ${said}; rerun exit ${again.code}, parity.lock written`,
      test: 'pull: engine stopped mid-download → exit 3; after the restart pull finishes',
    });
  }, 600_000);

  it('pull: registry stopped mid-download → retries with backoff, then exit 3; registry back → the next pull finishes', async () => {
    // The scenario before left the images on the engine: remove them, so there is something to download.
    for (const reference of pullImages())
      await engine.engine().client.getImage(reference).remove({ force: true });
    rmSync(join(pullWorkspace, 'parity.lock'), { force: true });
    const pull = startCli(['pull', '--json', '--workspace', pullWorkspace], env);
    await pull.waitFor('a db layer downloading', downloading('db'), 120_000);
    await registry.stop();
    const run = await pull.exit;
    expect(run.stderr).not.toMatch(/\n\s+at \S+ \(/);
    expect(run.code, run.stderr).toBe(3);
    const retries = jsonLines(run.stderr)
      .filter((e) => e.type === 'image-retry' && e.service === 'db')
      .map((e) => `attempt ${String(e.attempt)}/${String(e.attempts)} after ${Number(e.delayMs) / 1000}s`);
    expect(retries).toEqual(['attempt 2/4 after 1s', 'attempt 3/4 after 2s', 'attempt 4/4 after 4s']);
    const failure = /parity: db: [^\n]*/.exec(run.stderr)?.[0] ?? '';
    expect(failure, run.stderr).toMatch(/\(after 4 attempts\)$/);
    expect(failure).toContain(registry.host);
    expect(run.stderr).toContain('then run npx parity pull again');
    expect(existsSync(join(pullWorkspace, 'parity.lock'))).toBe(false);

    await registry.start();
    const again = await runCli(['pull', '--json', '--workspace', pullWorkspace], env);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(pullWorkspace, 'parity.lock'))).toBe(true);
    expect(await leftovers()).toEqual([]);
    table.record({
      scenario: 'registry stopped while parity pull downloads a layer',
      expected:
        'retries with backoff shown in the progress, then exit 3 naming the registry; the next pull finishes',
      observed: `${retries.join(', ')}; exit ${run.code} (after 4 attempts); registry back: exit ${again.code}, parity.lock written`,
      test: 'pull: registry stopped mid-download → retries with backoff, then exit 3; registry back → the next pull finishes',
    });
  }, 600_000);

  it('up: engine stopped once db has started → exit 3; after the restart up finishes, data intact', async () => {
    await engine.load([lab.images.app['1.0.0'], lab.images.postgres]);
    // A stack with data in it first: seeded rows, a row written by hand and a canary file the database never reads.
    expect((await parity('up', '--quiet')).code).toBe(0);
    expect((await parity('seed', '--quiet')).code).toBe(0);
    await inDb([
      'psql',
      '-U',
      'postgres',
      '-d',
      'app_db',
      '-c',
      "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('written by hand')",
    ]);
    await inDb(['sh', '-c', `head -c 1048576 /dev/urandom > ${CANARY}`]);
    intact = await dataDigest();
    expect((await parity('down', '--quiet')).code).toBe(0);

    const up = started('up', '--json');
    const run = await strike(
      up.waitFor(
        'db started',
        ({ stderr }) => jsonLines(stderr).some((e) => e.kind === 'started' && e.service === 'db'),
        120_000,
      ),
      up,
    );
    const said = expectEngineLost(run, 'up');
    await engine.start();
    const again = await parity('up', '--quiet');
    expect(again.code, again.stderr).toBe(0);
    expect(await leftovers()).toEqual([]);
    expect(await dataDigest()).toBe(intact);
    table.record({
      scenario: 'engine stopped while parity up waits for db to turn healthy',
      expected:
        'exit 3 naming the lost engine and the command; after a restart up finishes; no half-created container; data intact',
      observed: `exit ${run.code}: ${said}; rerun exit ${again.code}, no leftover container, canary and rows unchanged`,
      test: 'up: engine stopped once db has started → exit 3; after the restart up finishes, data intact',
    });
  }, 600_000);

  it('seed: engine stopped as the seed script runs → exit 3; after the restart up and seed finish, data intact', async () => {
    const watch = await nextEngineEvent(
      engine.engine(),
      { type: ['container'] },
      (e) => e.Action.startsWith('exec_start') && e.Action.includes('seed.sh'),
      120_000,
    );
    const seed = started('seed', '--json');
    const run = await strike(watch.event, seed);
    const said = expectEngineLost(run, 'up, then npx parity seed');
    await engine.start();
    const up = await parity('up', '--quiet');
    expect(up.code, up.stderr).toBe(0);
    const again = await parity('seed', '--quiet');
    expect(again.code, again.stderr).toBe(0);
    expect(await leftovers()).toEqual([]);
    expect(await dataDigest()).toBe(intact);
    table.record({
      scenario: 'engine stopped while parity seed runs the seed script',
      expected:
        'exit 3 naming the lost engine, then up and seed again; they finish; the same rows, data intact',
      observed: `exit ${run.code}: ${said}; up exit ${up.code}, seed exit ${again.code}, canary and rows unchanged`,
      test: 'seed: engine stopped as the seed script runs → exit 3; after the restart up and seed finish, data intact',
    });
  }, 600_000);

  it('check: engine stopped while check reads the containers → exit 3; after the restart up and check finish', async () => {
    const watch = await nextEngineEvent(
      engine.engine(),
      { type: ['container'], label: [`com.docker.compose.project=${project}`] },
      (e) => e.Action.startsWith('exec_start'),
      120_000,
    );
    const check = started('check', '--json');
    const run = await strike(watch.event, check);
    const said = expectEngineLost(run, 'up, then npx parity check');
    await engine.start();
    const up = await parity('up', '--quiet');
    expect(up.code, up.stderr).toBe(0);
    const again = await parity('check', '--quiet');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(await leftovers()).toEqual([]);
    expect(await dataDigest()).toBe(intact);
    table.record({
      scenario: 'engine stopped while parity check collects the local evidence',
      expected: 'exit 3 naming the lost engine (not a drift finding), then up and check again; check passes',
      observed: `exit ${run.code}: ${said}; up exit ${up.code}, check exit ${again.code}, data intact`,
      test: 'check: engine stopped while check reads the containers → exit 3; after the restart up and check finish',
    });
  }, 600_000);
});

describe('rollback with the engine stopped mid-restore (issue 7)', () => {
  it('rollback: engine stopped as the volume restore begins → exit 3; run again, it finishes with the baseline’s data', async () => {
    const saved = await parity('baseline', 'save', '--name', 'known good', '--json');
    expect(saved.code, saved.stderr).toBe(0);
    knownGood = (JSON.parse(saved.stdout) as { id: string }).id;
    await inDb([
      'psql',
      '-U',
      'postgres',
      '-d',
      'app_db',
      '-c',
      "INSERT INTO notes VALUES ('after the baseline')",
    ]);
    expect(await dataDigest()).not.toBe(intact);

    const reset = started('rollback', '--to', knownGood, '--json');
    const run = await strike(
      reset.waitFor(
        'the volume restore running',
        ({ stderr }) =>
          jsonLines(stderr).some((e) => e.step === 'restore-volume:db-data' && e.status === 'running'),
        180_000,
      ),
      reset,
    );
    const said = expectEngineLost(run, 'rollback');
    await engine.start();
    const again = await parity('rollback');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain(`finishing the interrupted rollback to ${knownGood} first`);
    expect(again.stdout).toContain('✔ restore volume db-data');
    expect(await leftovers()).toEqual([]);
    expect(await dataDigest()).toBe(intact);
    table.record({
      scenario: 'engine stopped as parity rollback starts restoring a volume',
      expected:
        'exit 3 naming the lost engine; run again it follows its journal and finishes; the baseline’s rows and bytes',
      observed: `exit ${run.code}: ${said}; rerun exit ${again.code}, journal finished, canary and rows as at the baseline`,
      test: 'rollback: engine stopped as the volume restore begins → exit 3; run again, it finishes with the baseline’s data',
    });
  }, 600_000);

  it('engine restarted mid-restore: the emptied volume is restored on the next run, every byte proved by sha256', async () => {
    await inDb([
      'psql',
      '-U',
      'postgres',
      '-d',
      'app_db',
      '-c',
      "INSERT INTO notes VALUES ('after the first reset')",
    ]);
    const volume = `${project}_db-data`;
    // The worst moment: the old volume is gone and the new one exists, still empty.
    const watch = await nextEngineEvent(
      engine.engine(),
      { type: ['volume'] },
      (e) => e.Action === 'create' && e.Actor.ID === volume,
      180_000,
    );
    const reset = started('rollback', '--to', knownGood, '--json');
    const run = await strike(watch.event, reset);
    const said = expectEngineLost(run, 'rollback');
    await engine.start();

    // Run again through the same engine room the CLI uses, stopping short of the start: PostgreSQL rewrites its
    // files as soon as it runs, and the restored volume's bytes are compared before it does.
    const context = await openWorkspaceContext(workspace);
    const root = workspaceDataDir(workspace, { PARITY_DATA_DIR: dataDir });
    const store = new BaselineStore(join(root, 'baselines'));
    const journal = new RollbackJournal(join(root, 'rollback-journal.json'));
    expect((await journal.read())?.target).toBe(knownGood);
    const stack = composeStackControl(engine.engine(), context);
    const result = await rollback(engine.engine(), store, journal, context, {
      stop: stack.stop,
      start: async () => {},
    });
    expect(result.restoredVolumes).toEqual(['db-data']);
    const target = result.target.volumes[0];
    const readBack = await archiveVolume(
      engine.engine(),
      volume,
      lab.images.postgres,
      join(scratch, 'read-back.tar'),
    );
    expect(readBack.digest).toBe(target?.digest);
    expect(readBack.bytes).toBe(target?.bytes);
    await stack.start();
    expect(await leftovers()).toEqual([]);
    expect(await dataDigest()).toBe(intact);
    table.record({
      scenario: 'engine restarted mid-restore: the old volume removed, the new one created empty',
      expected:
        'exit 3 naming the lost engine; run again it restores the volume from its verified archive, byte for byte',
      observed: `exit ${run.code}: ${said}; rerun restored db-data, read-back sha256 equals the baseline's, rows and canary as at the baseline`,
      test: 'engine restarted mid-restore: the emptied volume is restored on the next run, every byte proved by sha256',
    });
  }, 600_000);
});

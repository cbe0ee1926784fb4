import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema, type DriftReport } from '../../shared/drift-report-schema';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { runningServiceContainer } from '../../electron/core/engine/service-container';
import { runSeed } from '../../electron/core/seed/run-seed';
import { loadContract } from '../../electron/core/contract/load-contract';
import { loadLab } from '../lab/lab-config';
import { appReadsDotenv, prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';

const lab = loadLab();
const project = `parity-fixcli-${process.pid}`;
const envProject = `parity-fixenv-${process.pid}`;
const key = lab.staging.ssh.identityFile;
let scratch: string;
let home: string;
let workspace: string;
let envWorkspace: string;
let engine: DockerEngine;

/**
 * `parity fix` against the lab: a local stack from a copy of the lab workspace (its own project name and
 * ports) on the local lab engine, compared over SSH with the unchanged staging stack. Each test plants one
 * drift locally, asks `parity fix` to repair it, and checks the repair on the engine or on disk.
 */
function parity(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: {
      ...process.env,
      HOME: home,
      DOCKER_HOST: lab.engine.socket,
      PARITY_DATA_DIR: join(scratch, 'data'),
      SSH_AUTH_SOCK: '',
    },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function check(dir: string): DriftReport {
  const file = join(scratch, `drift-${Date.now()}.json`);
  const run = parity(['check', '--staging', '--workspace', dir, '--identity', key, '--report', file]);
  expect(run.stderr).toBe('');
  return driftReportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

async function seedLocal(dir: string, projectName: string, random: string): Promise<void> {
  const { contract } = await loadContract(join(dir, 'parity.yml'));
  const container = await runningServiceContainer(engine, projectName, contract.seed.service);
  await runSeed(engine, container, { ...contract.seed, env: { SEED_RANDOM: random } }, { write: () => {} });
}

function appContainer(projectName: string) {
  return engine.client
    .listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${projectName}`, 'com.docker.compose.service=app'] },
    })
    .then((found) => found[0]);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-fix-cli-'));
  home = join(scratch, 'home');
  mkdirSync(home);
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  workspace = join(scratch, 'workspace');
  await prepareLocalWorkspace(lab, workspace, project);
  // A second checkout whose app reads .env through env_file: a key deleted from .env is then really missing.
  envWorkspace = join(scratch, 'env-workspace');
  await prepareLocalWorkspace(lab, envWorkspace, envProject);
  appReadsDotenv(envWorkspace);
  for (const dir of [workspace, envWorkspace]) {
    const up = parity(['up', '--workspace', dir, '--quiet']);
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    expect(parity(['seed', '--workspace', dir, '--quiet']).status).toBe(0);
  }
}, 300_000);

afterAll(() => {
  for (const dir of [workspace, envWorkspace])
    if (dir) parity(['down', '--volumes', '--workspace', dir, '--quiet']);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('parity fix (the CLI)', () => {
  it('reseeds a database seeded with another SEED_RANDOM, and the re-check no longer reports it', async () => {
    // Pin the checksum SEED_RANDOM=42 makes in parity.yml, then seed with 7: the data is not what it pins.
    const pinned = parity(['seed', '--json', '--workspace', workspace, '--quiet']);
    const checksum = (JSON.parse(pinned.stdout) as { checksum: string }).checksum;
    const contractFile = join(workspace, 'parity.yml');
    writeFileSync(
      contractFile,
      readFileSync(contractFile, 'utf8').replace(/^( {2}dump: .*)$/m, `$1\n  checksum: ${checksum}`),
    );
    await seedLocal(workspace, project, '7');
    const planted = check(workspace).findings.find((f) => f.kind === 'data.seed-mismatch');
    expect(planted).toMatchObject({ service: 'db', remediation: { action: 'reseed' } });

    const run = parity(['fix', planted?.id ?? '', '--staging', '--workspace', workspace, '--identity', key]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`parity fix: ${planted?.id}`);
    expect(run.stdout).toMatch(/✓ reseeded db: sha256:[0-9a-f]{64}/);
    expect(run.stdout).toContain('after:  ✓ fixed');
    expect(run.stdout).toMatch(/score \d\.\d{3} → \d\.\d{3}/);
    expect(run.status).toBe(0);
    expect(check(workspace).findings.filter((f) => f.kind === 'data.seed-mismatch')).toEqual([]);
  }, 300_000);

  it('brings a stopped service back, through --all', async () => {
    const before = await appContainer(project);
    expect(before?.State).toBe('running');
    await engine.client.getContainer(before?.Id ?? '').stop({ t: 1 });
    const planted = check(workspace).findings.filter(
      (f) => f.service === 'app' && f.remediation.action !== null,
    );
    expect(planted.length).toBeGreaterThan(0);

    const run = parity(['fix', '--all', '--staging', '--workspace', workspace, '--identity', key]);
    expect(run.stderr).toBe('');
    for (const finding of planted)
      expect(run.stdout).toContain(`before: ✖ ${finding.severity} ${finding.id}`);
    expect(run.status).toBe(0);
    expect((await appContainer(project))?.State).toBe('running');
    const after = check(workspace);
    expect(after.findings.filter((f) => f.service === 'app' && f.severity === 'error')).toEqual([]);
  }, 300_000);

  it('adds a key deleted from .env from the template, keeping every value .env has', async () => {
    const envFile = join(envWorkspace, '.env');
    writeFileSync(envFile, 'DATABASE_URL=postgres://someone@db:5432/app_db\n');
    expect(parity(['up', '--workspace', envWorkspace, '--quiet']).status).toBe(0);
    const planted = check(envWorkspace).findings.find((f) => f.kind === 'config.env-missing');
    expect(planted).toMatchObject({ remediation: { action: 'env-from-template' } });
    expect(planted?.id).toMatch(/:REDIS_URL$/);

    const run = parity([
      'fix',
      planted?.id ?? '',
      '--staging',
      '--workspace',
      envWorkspace,
      '--identity',
      key,
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('.env: added REDIS_URL from .env.example');
    expect(run.stdout).toContain('after:  ✓ fixed');
    expect(run.status).toBe(0);
    expect(readFileSync(envFile, 'utf8')).toBe(
      'DATABASE_URL=postgres://someone@db:5432/app_db\nREDIS_URL=redis://redis:6379/0\n',
    );
    expect(check(envWorkspace).findings.filter((f) => f.kind === 'config.env-missing')).toEqual([]);
  }, 300_000);

  it('exits 2 for an id the check does not report', () => {
    const unknown = parity(['fix', 'image.not-pinned:app:nope', '--workspace', workspace]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('The check reports no finding image.not-pinned:app:nope.');
  }, 120_000);
});

import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { downStack } from '../../electron/core/stack/stack-down';
import type { StackEvent, UpResult } from '../../electron/core/stack/stack-events';
import { COMPOSE_V1, composeV1Env, composeV1File } from '../fixtures/stacks/compose-v1';
import { labWorkspaceCopy, type StackWorkspace } from '../fixtures/stacks/stack-workspace';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const project = `parity-it-upcli-${process.pid}`;
// The CLI from its sources, so these tests never run a stale build in out/.
// The built CLI, as users run it (npm test builds before it tests): a signal reaches Parity itself.
const cli = fileURLToPath(new URL('../../bin/parity.js', import.meta.url));
const env = { ...process.env, DOCKER_HOST: lab.engine.socket };
let engine: DockerEngine;
let workspace: StackWorkspace;

function parity(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 90_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function projectStates(): Promise<Record<string, string>> {
  const found = await engine.client.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${project}`] },
  });
  return Object.fromEntries(found.map((c) => [c.Labels['com.docker.compose.service'] ?? '', c.State]));
}

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  workspace = labWorkspaceCopy(lab.workspace, project);
});

afterAll(async () => {
  await downStack(engine, project, { volumes: true });
  workspace.remove();
});

describe('parity up and down (the CLI)', () => {
  it('exits 4 on --timeout, naming who waited on whom', () => {
    // db's first probe runs a full interval (1s) after it starts: half a second can never be enough.
    const run = parity(['up', '--workspace', workspace.dir, '--timeout', '0.5']);
    expect(run.status).toBe(4);
    expect(run.stdout).toContain('app      waiting for db (service_healthy)');
    expect(run.stdout).toMatch(
      /✖ parity-it-upcli-\d+: Timed out after 0\.5s: db (was not healthy yet \(no probe has run yet\)|had not started); app waited on db \(service_healthy\)\. Not started: app\./,
    );
  });

  it('prints the events as JSON lines on stderr and the result as one object on stdout', () => {
    const run = parity(['up', '--workspace', workspace.dir, '--json']);
    expect(run.status).toBe(0);
    const events = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as StackEvent);
    expect(events.map((e) => `${e.service} ${e.kind}`)).toEqual(
      expect.arrayContaining(['db unchanged', 'app creating', 'app started', 'app healthy']),
    );
    const result = JSON.parse(run.stdout) as UpResult;
    expect(result.outcome).toBe('ready');
    expect(result.services['app']).toMatchObject({
      state: 'running',
      health: 'healthy',
      msToHealthy: expect.any(Number),
    });
    expect(result.services['app']?.timeline).toMatchObject({
      created: expect.any(String),
      started: expect.any(String),
      healthy: expect.any(String),
      probes: expect.arrayContaining([expect.objectContaining({ exitCode: 0 })]),
    });
  });

  it('prints one line per event and a verdict, and exits 0', () => {
    const run = parity(['up', '--workspace', workspace.dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^db +unchanged, running \([0-9a-f]{12}\)$/m);
    expect(run.stdout).toMatch(
      /^✔ parity-it-upcli-\d+: 2 services ready in \d+\.\ds \(db unchanged, app unchanged\)$/m,
    );
  });

  it('docker-compose (compose v1) sees the project Parity started: every service Up (healthy)', () => {
    // The stack is up from the tests above; compose v1 finds its containers by our com.docker.compose.* labels.
    const ps = spawnSync(COMPOSE_V1, ['-p', project, '-f', composeV1File(workspace.file), 'ps'], {
      cwd: workspace.dir,
      env: composeV1Env(lab.engine.socket),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(ps.stderr).toBe('');
    expect(ps.status).toBe(0);
    const rows = ps.stdout
      .split('\n')
      .filter((line) => line.startsWith(`${project}-`))
      .map((line) => line.split(/\s{2,}/));
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      [`${project}-app-1`, 'Up (healthy)'],
      [`${project}-db-1`, 'Up (healthy)'],
    ]);
  });

  it('down keeps the volume and says so; --volumes removes it', () => {
    const down = parity(['down', '--workspace', workspace.dir]);
    expect(down.status).toBe(0);
    expect(down.stdout).toBe(
      `removed containers: ${project}-app-1, ${project}-db-1\n` +
        `removed networks: ${project}_default\n` +
        `kept volumes: ${project}_db-data (your data; remove them with parity down --volumes)\n`,
    );
    const wipe = parity(['down', '--workspace', workspace.dir, '--volumes']);
    expect(wipe.stdout).toContain(`removed volumes: ${project}_db-data`);
  });

  it('on Ctrl-C exits 4, keeps what started and leaves nothing half-created', async () => {
    const child = spawn(process.execPath, [cli, 'up', '--workspace', workspace.dir], { env });
    let stdout = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // One Ctrl-C only: a second one is the user insisting, and kills.
      if (!interrupted && /^db +started$/m.test(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(4);
    expect(stdout).toContain('Interrupted: what was started keeps running');
    expect(await projectStates()).toEqual({ db: 'running' });
  });

  it('refuses an unknown flag and a bad timeout as bad input', () => {
    expect(parity(['up', '--workspace', workspace.dir, '--timeout', 'soon']).status).toBe(2);
    expect(parity(['down', '--workspace', workspace.dir, '--force']).status).toBe(2);
  });
});

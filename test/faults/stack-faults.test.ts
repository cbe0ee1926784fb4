import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema, type DriftReport } from '../../shared/drift-report-schema';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { downStack } from '../../electron/core/stack/stack-down';
import { loadLab } from '../lab/lab-config';
import { run } from '../lab/proc';
import { startPrivateEngine, type PrivateEngine } from '../support/private-engine';
import { webWorkspace } from '../fixtures/stacks/web-workspace';
import { reliabilityTable } from './reliability-table';

/**
 * A stack that breaks in the ways real ones do, through the built CLI: a service that crash-loops, a host
 * port something else holds, a healthcheck that never passes, a disk full under the engine's data. Each is
 * a finding with its remediation (kind, message naming the service or port, the commands that fix it), a
 * clear exit code, and never a stack trace. Every scenario is its own compose project on the lab engine
 * (the full disk: on a private engine whose data root is a small tmpfs made here), removed in afterAll.
 */
const lab = loadLab();
const APP_IMAGE = lab.images.app['1.0.0'];
const table = reliabilityTable('6-stack', 'A broken stack: each failure a finding with its remediation');
const STACK_TRACE = /\n\s+at \S+ \(/;
const projects: string[] = [];
const temps: string[] = [];
let engine: DockerEngine;
let dataDir: string;

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function parity(args: string[], dockerHost = lab.engine.socket): CliRun {
  const child = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, DOCKER_HOST: dockerHost, PARITY_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** A one-service workspace for the scenario, named and cleaned up by this file. */
function workspace(scenario: string, serviceLines: string): { dir: string; project: string } {
  const created = webWorkspace(lab, `parity-fault-stack-${process.pid}-${scenario}`, APP_IMAGE, serviceLines);
  temps.push(created.dir);
  projects.push(created.project);
  return created;
}

function check(dir: string): { run: CliRun; report: DriftReport } {
  const file = join(dir, 'drift.json');
  const checked = parity(['check', '--workspace', dir, '--report', file]);
  const report = driftReportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return { run: checked, report };
}

/** Polls the engine until `ok` holds for the container, or fails naming what it waited for. */
async function waitForContainer(
  name: string,
  what: string,
  ok: (info: { restarts: number; state: string }) => boolean,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const info = await engine.client.getContainer(name).inspect();
    if (ok({ restarts: info.RestartCount, state: info.State.Status })) return;
    if (Date.now() > deadline) throw new Error(`${name}: no ${what} within 60s (state ${info.State.Status})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parity-fault-stack-data-'));
  temps.push(dataDir);
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
});

afterAll(async () => {
  for (const project of projects) await downStack(engine, project, { volumes: true }).catch(() => undefined);
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  table.write();
});

describe('a service that crash-loops', () => {
  it('parity up fails naming it with its last logs; parity check reports service.restarting', async () => {
    const { dir, project } = workspace(
      'crashloop',
      [
        '    restart: always',
        `    command: ['/bin/sh', '-c', 'echo "starting web"; echo "fatal: /config/app.toml not found"; exit 1']`,
        '',
      ].join('\n'),
    );
    const up = parity(['up', '--workspace', dir]);
    expect(up.stderr).not.toMatch(STACK_TRACE);
    expect(up.stdout).toContain(`✖ ${project}: web exited with code 1.`);
    expect(up.stdout).toContain('last log lines of web:');
    expect(up.stdout).toContain('fatal: /config/app.toml not found');
    expect(up.stdout).toMatch(
      /✖ error {3}service\.restarting {2}web crash-loops: it exited with code 1 and the engine keeps restarting it \(restart: always\)\./,
    );
    const container = `${project}-web-1`;
    expect(up.stdout).toContain(`$ docker logs --tail 100 ${container}`);
    expect(up.stdout).toContain(`$ docker stop ${container}`);
    expect(up.status).toBe(1);

    // The engine keeps bringing it back: the check sees the loop from the engine's restart count.
    await waitForContainer(container, 'restart', (info) => info.restarts >= 1);
    const { run: checked, report } = check(dir);
    expect(checked.stderr).not.toMatch(STACK_TRACE);
    const finding = report.findings.find((f) => f.kind === 'service.restarting');
    expect(finding).toMatchObject({
      service: 'web',
      remediation: { command: `docker logs --tail 100 ${container}` },
    });
    expect(finding?.message).toMatch(/^local web (is restarting right now|was restarted)/);
    expect(checked.stdout).toContain('service.restarting');
    expect(checked.status).toBe(1);
    table.record({
      scenario: 'a service that exits 1 under restart: always',
      expected:
        'up: exit 1, service.restarting naming it, its last logs, docker logs/stop; check: service.restarting',
      observed:
        `up: exit ${up.status}, service.restarting, logs shown; check: exit ${checked.status}, ${finding?.kind ?? 'none'} with ${finding?.remediation.command ?? 'no command'}`.replaceAll(
          container,
          '<container>',
        ),
      test: 'a service that crash-loops',
    });
  }, 300_000);
});

describe('a host port already taken', () => {
  let holder: Server;
  afterAll(() => new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve())));

  it('parity up names the port, the process holding it, and how to change it', async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const { dir, project } = workspace('port', `    ports:\n      - '127.0.0.1:${port}:8080'\n`);

    const up = parity(['up', '--workspace', dir]);
    expect(up.stderr).not.toMatch(STACK_TRACE);
    expect(up.stdout).toContain(`✖ ${project}: web could not be started:`);
    expect(up.stdout).toMatch(
      new RegExp(
        `✖ error {3}host\\.port-taken {2}web could not start: host port 127\\.0\\.0\\.1:${port} is already taken by process ${process.pid} \\(\\S*node`,
      ),
    );
    expect(up.stdout).toContain(
      `or publish web on another host port: in the compose file change services.web.ports "127.0.0.1:${port}:8080" to a free port`,
    );
    expect(up.stdout).toContain(`$ kill ${process.pid}`);
    expect(up.status).toBe(3);
    // Nothing half made: the container the engine could not start was removed.
    const left = await engine.client.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${project}`] },
    });
    expect(left).toEqual([]);

    const { run: checked, report } = check(dir);
    const missing = report.findings.find((f) => f.kind === 'service.missing');
    expect(missing).toMatchObject({ service: 'web', remediation: { command: 'npx parity up' } });
    expect(checked.status).toBe(1);
    table.record({
      scenario: 'a host port another process listens on',
      expected:
        'up: exit 3, host.port-taken naming the port, the process (pid) and the compose line to change',
      observed: `up: exit ${up.status}, host.port-taken, holder named, kill <pid> and the ports line; no container left; check: exit ${checked.status}, service.missing`,
      test: 'a host port already taken',
    });
  }, 300_000);
});

describe('a healthcheck that never passes', () => {
  it('parity up names the service and its last probe outputs; parity check reports service.unhealthy', () => {
    const { dir, project } = workspace(
      'sick',
      [
        '    healthcheck:',
        "      test: ['CMD-SHELL', 'echo cannot reach the database; exit 1']",
        '      interval: 300ms',
        // Generous: under load a probe that times out would say so instead of what it printed.
        '      timeout: 10s',
        '      retries: 2',
        '',
      ].join('\n'),
    );
    const up = parity(['up', '--workspace', dir]);
    expect(up.stderr).not.toMatch(STACK_TRACE);
    expect(up.stdout).toMatch(
      new RegExp(`✖ ${project}: web is unhealthy: its healthcheck failed \\d of the last \\d probes\\.`),
    );
    expect(up.stdout).toContain('last health probes of web:');
    expect(up.stdout).toMatch(/ {2}exit 1 {2}cannot reach the database\n/);
    expect(up.stdout).toMatch(
      /✖ error {3}service\.unhealthy {2}web is unhealthy: .* The last probe exited 1: "cannot reach the database"\./,
    );
    const container = `${project}-web-1`;
    expect(up.stdout).toContain(`$ docker inspect --format '{{json .State.Health}}' ${container}`);
    expect(up.status).toBe(1);

    const { run: checked, report } = check(dir);
    expect(checked.stderr).not.toMatch(STACK_TRACE);
    const finding = report.findings.find((f) => f.kind === 'service.unhealthy');
    expect(finding).toMatchObject({
      service: 'web',
      remediation: { action: 'restart', command: `docker restart ${container}` },
    });
    expect(finding?.message).toBe(
      'local web is unhealthy: its last healthcheck exited 1 saying "cannot reach the database".',
    );
    expect(JSON.stringify(finding?.evidence.local)).toContain('cannot reach the database');
    expect(checked.status).toBe(1);
    table.record({
      scenario: 'a healthcheck that always exits 1',
      expected:
        'up: exit 1, service.unhealthy naming it with its last probe outputs; check: service.unhealthy',
      observed: `up: exit ${up.status}, service.unhealthy, probe output shown; check: exit ${checked.status}, ${finding?.kind ?? 'none'}, action ${finding?.remediation.action ?? 'none'}`,
      test: 'a healthcheck that never passes',
    });
  }, 300_000);
});

describe('a nearly full disk under the engine’s data', () => {
  let privateEngine: PrivateEngine | undefined;
  let disk: string | undefined;
  afterAll(async () => {
    await privateEngine?.stop();
    if (disk !== undefined) await run('umount', ['-l', disk]).catch(() => undefined);
    await privateEngine?.dispose();
  });

  it('parity doctor and parity up report host.disk-low with what to free', async () => {
    // A private engine, then moved onto a 64 MiB tmpfs of its own that the test fills to the last MiB.
    privateEngine = await startPrivateEngine({ name: 'disk' });
    await privateEngine.stop();
    disk = privateEngine.paths.dir;
    mkdirSync(disk, { recursive: true });
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'parity-fault-disk', disk]);
    await privateEngine.start();
    const root = privateEngine.paths.dataRoot;
    const free = statfsSync(disk);
    writeFileSync(join(disk, 'filler'), Buffer.alloc(Math.max(0, free.bavail * free.bsize - 256 * 1024)));
    const { dir } = workspace('disk', '');
    // The daemon's own socket, not the relay: parity() runs the CLI synchronously, and the relay lives in this
    // (then blocked) process.
    const daemon = `unix://${privateEngine.socket}`;

    const doctor = parity(['doctor', '--workspace', dir], daemon);
    expect(doctor.stderr).not.toMatch(STACK_TRACE);
    expect(doctor.stdout).toMatch(
      new RegExp(`✖ error {3}host\\.disk-low {2}Only 0\\.0 GiB free on ${root} \\(the engine's data\\)`),
    );
    expect(doctor.stdout).toContain('$ docker system df');
    expect(doctor.stdout).toContain('$ docker image prune');
    expect(doctor.status).toBe(1);

    const up = parity(['up', '--workspace', dir], daemon);
    expect(up.stderr).not.toMatch(STACK_TRACE);
    expect(up.stdout).toMatch(/no space left on device/);
    expect(up.stdout).toContain(
      `✖ error   host.disk-low  web could not be started: the disk under the engine's data (${root}) is full.`,
    );
    expect(up.stdout).toContain('$ docker system df');
    expect(up.status).toBe(3);
    table.record({
      scenario: 'a 64 MiB engine data root filled to its last 256 KiB',
      expected:
        'doctor: exit 1, host.disk-low naming the data root; up: exit 3, host.disk-low, docker system df/prune',
      observed: `doctor: exit ${doctor.status}, host.disk-low; up: exit ${up.status}, host.disk-low after "no space left on device"`,
      test: 'a nearly full disk under the engine’s data',
    });
  }, 300_000);
});

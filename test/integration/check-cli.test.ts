import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema } from '../../shared/drift-report-schema';
import { snapshotSchema } from '../../shared/snapshot-schema';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { loadLab } from '../lab/lab-config';
import { prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';

const lab = loadLab();
const project = `parity-checkcli-${process.pid}`;
let scratch: string;
let workspace: string;
let home: string;

/**
 * The CLI against the lab: a real local stack, started by `parity up` on the local lab engine from a copy
 * of the lab workspace (its own project name and ports), compared over SSH with the staging stack
 * `parity-lab`. HOME is an empty folder, so no ~/.ssh of this machine takes part.
 */
function parity(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: {
      ...process.env,
      HOME: home,
      DOCKER_HOST: lab.engine.socket,
      PARITY_DATA_DIR: join(scratch, 'data'),
      SSH_AUTH_SOCK: '',
      ...env,
    },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function contractWith(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(scratch, 'ws-'));
  cpSync(workspace, dir, { recursive: true });
  const file = join(dir, 'parity.yml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

const key = lab.staging.ssh.identityFile;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-check-cli-'));
  home = join(scratch, 'home');
  mkdirSync(home);
  workspace = join(scratch, 'workspace');
  await prepareLocalWorkspace(lab, workspace, project);
  const up = parity(['up', '--workspace', workspace, '--quiet']);
  expect(up.stderr).toBe('');
  expect(up.status).toBe(0);
});

afterAll(() => {
  if (workspace) parity(['down', '--volumes', '--workspace', workspace, '--quiet']);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('parity check --staging (the CLI)', () => {
  it('passes on the unchanged lab with no error finding, prints the verdict and writes drift.json', () => {
    const report = join(scratch, 'out', 'drift.json');
    const run = parity([
      'check',
      '--staging',
      '--workspace',
      workspace,
      '--identity',
      key,
      '--report',
      report,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^parity check: ${project} against parity\\.yml and staging \\(parity-deploy@127\\.0\\.0\\.1:\\d+, project parity-lab\\)$`,
        'm',
      ),
    );
    expect(run.stdout).toMatch(
      /^score [01]\.\d{3} \(threshold 0\.98, parity\.yml\): PASSED — 0 errors, \d+ warnings?; \d+ of \d+ checks passed$/m,
    );
    const written = driftReportSchema.parse(JSON.parse(readFileSync(report, 'utf8')));
    expect(written).toMatchObject({ passed: true, threshold: 0.98, project, workspace });
    expect(written.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(written.staging).toEqual({
      target: `parity-deploy@127.0.0.1:${lab.staging.ssh.port}`,
      project: 'parity-lab',
    });
    // Both sides really were read: the same images, and the app's health payload on each.
    expect(written.checks.filter((c) => c.kind === 'image.staging-differs').map((c) => c.passed)).toEqual([
      true,
      true,
    ]);
    expect(written.checks.find((c) => c.id === 'health.payload-differs:app:payload')?.passed).toBe(true);
  });

  it('writes a readable page with --report drift.html, and the report as JSON with --json', () => {
    const page = join(scratch, 'drift.html');
    const run = parity([
      'check',
      '--staging',
      '--workspace',
      workspace,
      '--identity',
      key,
      '--report',
      page,
      '--json',
    ]);
    expect(run.status).toBe(0);
    expect(driftReportSchema.parse(JSON.parse(run.stdout)).passed).toBe(true);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<p class="verdict pass">Passed</p>');
    expect(html).not.toMatch(/<script/i);
  });

  it('exits 1 with the finding and its fix when the data is not what parity.yml pins', () => {
    const dir = contractWith((text) =>
      text.replace(/^( {2}dump: .*)$/m, `$1\n  checksum: sha256:${'0'.repeat(64)}`),
    );
    const run = parity(['check', '--staging', '--workspace', dir, '--identity', key, '--threshold', '0.5']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /✖ error {3}data\.seed-mismatch {2}db {2}The local data's checksum is sha256:[0-9a-f]{12}, parity\.yml expects sha256:000000000000/,
    );
    expect(run.stdout).toContain('$ npx parity seed');
    expect(run.stdout).toMatch(/\(threshold 0\.5, --threshold\): FAILED — 1 error/);
  });

  it('refuses a changed staging host key, naming both fingerprints (exit 3)', () => {
    const wrong = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const dir = contractWith((text) => text.replace(/hostKey: '[^']*'/, `hostKey: '${wrong}'`));
    const run = parity(['check', '--staging', '--workspace', dir, '--identity', key]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(wrong);
    expect(run.stderr).toContain(lab.staging.ssh.hostKey);
    expect(run.stdout).toBe('');
  });

  it('refuses an unpinned, unknown host with how to read its key, and works with --trust-host (exit 2, then 0)', () => {
    const dir = contractWith((text) => text.replace(/^ {2}hostKey: .*\n/m, ''));
    const refused = parity(['check', '--staging', '--workspace', dir, '--identity', key]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`ssh-keyscan -p ${lab.staging.ssh.port} 127.0.0.1 | ssh-keygen -lf -`);
    const trusted = parity([
      'check',
      '--staging',
      '--workspace',
      dir,
      '--identity',
      key,
      '--trust-host',
      lab.staging.ssh.hostKey,
    ]);
    expect(trusted.stderr).toBe('');
    expect(trusted.status).toBe(0);
  });

  it('exits 2 on bad input and 3 when the engine cannot be reached', () => {
    expect(parity(['check', '--threshold', '98', '--workspace', workspace]).status).toBe(2);
    expect(parity(['check', '--report', 'drift.txt', '--workspace', workspace]).status).toBe(2);
    const noEngine = parity(['check', '--workspace', workspace], {
      DOCKER_HOST: `unix://${join(scratch, 'no-engine.sock')}`,
    });
    expect(noEngine.status).toBe(3);
    expect(existsSync(join(workspace, 'drift.json'))).toBe(false);
  });
});

describe('parity snapshot (the CLI)', () => {
  it("writes staging's evidence with --staging -o FILE, and this machine's to stdout", () => {
    const file = join(scratch, 'staging.json');
    const staging = parity([
      'snapshot',
      '--staging',
      '--workspace',
      workspace,
      '--identity',
      key,
      '-o',
      file,
    ]);
    expect(staging.status).toBe(0);
    const written = snapshotSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(written.side).toBe('staging');
    expect(Object.keys(written.services).sort()).toEqual(['app', 'db']);

    const local = parity(['snapshot', '--workspace', workspace]);
    expect(local.status).toBe(0);
    const parsed = snapshotSchema.parse(JSON.parse(local.stdout));
    expect(parsed.side).toBe('local');
    // The same workspace salt on both runs: equal values hash equal across the two sides.
    expect(parsed.services['db']?.env['POSTGRES_DB']).toBe(written.services['db']?.env['POSTGRES_DB']);
    expect(local.stdout).not.toContain('app_db');
  });
});

describe('parity fix (the CLI)', () => {
  it('restarts a stopped local service, checks again and prints before and after', async () => {
    const engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
    await engine.client.getContainer(`${project}-db-1`).stop();

    const broken = parity(['check', '--workspace', workspace]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`$ docker restart ${project}-db-1`);

    const fix = parity(['fix', 'service.state-differs:db:state', '--workspace', workspace]);
    expect(fix.stderr).toBe('');
    expect(fix.stdout).toMatch(new RegExp(`restarted ${project}-db-1; healthy after \\d+\\.\\ds`));
    expect(fix.stdout).toMatch(
      /^before: ✖ error service\.state-differs:db:state {2}local db is exited, not running\.$/m,
    );
    expect(fix.stdout).toMatch(/^after: {2}✓ fixed$/m);
    expect(fix.stdout).toMatch(/^score 0\.\d{3} → 1\.000 \(threshold 0\.98\): PASSED$/m);
    expect(fix.status).toBe(0);

    expect(parity(['check', '--workspace', workspace]).status).toBe(0);
    expect(parity(['fix', '--all', '--workspace', workspace]).stdout).toMatch(/^parity fix: nothing to fix/);
    expect(parity(['fix', 'service.unhealthy:nope:local', '--workspace', workspace]).status).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema } from '../../shared/drift-report-schema';
import { prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const ssh = lab.staging.ssh;
if (!lab.bastion) throw new Error(`${lab.labDir ?? '.lab'}/lab.json has no bastion: run npm run lab:up`);
const bastion = lab.bastion;
const project = `parity-jumpcli-${process.pid}`;
let scratch: string;
let workspace: string;

/**
 * `parity check --staging` as a user behind a bastion runs it: parity.yml names the ~/.ssh/config alias,
 * whose ProxyJump goes through the lab's bastion sshd (127.0.0.1:2223, its own host key, forwarding only to
 * staging's sshd). HOME is a throwaway folder holding that config and a known_hosts for the bastion.
 */
function homeWith(knownHosts: string): string {
  const home = mkdtempSync(join(scratch, 'home-'));
  mkdirSync(join(home, '.ssh'));
  writeFileSync(
    join(home, '.ssh', 'config'),
    [
      'Host lab-staging',
      `  HostName ${ssh.host}`,
      `  Port ${ssh.port}`,
      `  User ${ssh.user}`,
      `  IdentityFile ${ssh.identityFile}`,
      '  ProxyJump lab-bastion',
      'Host lab-bastion',
      `  HostName ${bastion.host}`,
      `  Port ${bastion.port}`,
      `  User ${bastion.user}`,
      `  IdentityFile ${bastion.identityFile}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts);
  return home;
}

function parity(args: string[], home: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: {
      ...process.env,
      HOME: home,
      DOCKER_HOST: lab.engine.socket,
      PARITY_DATA_DIR: join(scratch, 'data'),
      SSH_AUTH_SOCK: '',
    },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-jump-cli-'));
  workspace = join(scratch, 'workspace');
  await prepareLocalWorkspace(lab, workspace, project);
  const contract = join(workspace, 'parity.yml');
  writeFileSync(contract, readFileSync(contract, 'utf8').replace(/^( {2}ssh: ).*$/m, `$1'lab-staging'`));
  const up = parity(['up', '--workspace', workspace, '--quiet'], homeWith(''));
  expect(up.stderr).toBe('');
  expect(up.status).toBe(0);
});

afterAll(() => {
  if (workspace) parity(['down', '--volumes', '--workspace', workspace, '--quiet'], homeWith(''));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('parity check --staging through a bastion (ProxyJump in ~/.ssh/config)', () => {
  it('passes on the unchanged lab, staging read through the bastion', () => {
    const report = join(scratch, 'drift.json');
    const home = homeWith(readFileSync(bastion.knownHostsFile ?? '', 'utf8'));
    const logBefore = readFileSync(bastion.log ?? '', 'utf8').length;
    const run = parity(['check', '--staging', '--workspace', workspace, '--report', report], home);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const written = driftReportSchema.parse(JSON.parse(readFileSync(report, 'utf8')));
    expect(written.passed).toBe(true);
    expect(written.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Staging's side really was read over the jump: its images compared, its health payload fetched.
    expect(written.checks.filter((c) => c.kind === 'image.staging-differs').map((c) => c.passed)).toEqual([
      true,
      true,
    ]);
    expect(written.checks.find((c) => c.id === 'health.payload-differs:app:payload')?.passed).toBe(true);
    // The bastion really was used: its sshd logged the deploy key's login during this check.
    expect(readFileSync(bastion.log ?? '', 'utf8').slice(logBefore)).toMatch(
      /Accepted publickey for parity-deploy/,
    );
  });

  it('exits 3 naming both fingerprints when the bastion key is not the one known_hosts holds', () => {
    const wrongKey = 'AAAAC3NzaC1lZDI1NTE5AAAAIFbDxhYr8juSIn/DZrq7ccZF2WNNV33sqiGdu/8O2Xvd';
    const home = homeWith(`[${bastion.host}]:${bastion.port} ssh-ed25519 ${wrongKey}\n`);
    const run = parity(['check', '--staging', '--workspace', workspace], home);
    expect(run.status).toBe(3);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toContain(`its host key is ${bastion.hostKey}`);
    expect(output).toMatch(/known_hosts holds SHA256:[A-Za-z0-9+/]{43}/);
    expect(output).not.toContain(`known_hosts holds ${bastion.hostKey}`);
    expect(output).toContain(`ssh-keygen -R '[${bastion.host}]:${bastion.port}'`);
  });

  it('refuses staging itself when its pinned key differs, though the bastion is trusted', () => {
    const contract = join(workspace, 'parity.yml');
    const original = readFileSync(contract, 'utf8');
    const wrongPin = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const dir = mkdtempSync(join(scratch, 'pin-'));
    spawnSync('cp', ['-a', `${workspace}/.`, dir]);
    writeFileSync(join(dir, 'parity.yml'), original.replace(/^( {2}hostKey: ).*$/m, `$1'${wrongPin}'`));
    const home = homeWith(readFileSync(bastion.knownHostsFile ?? '', 'utf8'));
    const run = parity(['check', '--staging', '--workspace', dir], home);
    expect(run.status).toBe(3);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toContain(ssh.hostKey);
    expect(output).toContain(wrongPin);
  });
});

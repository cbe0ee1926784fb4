import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { driftReportSchema } from '../../shared/drift-report-schema';
import { loadLab } from '../lab/lab-config';
import { prepareLocalWorkspace } from '../fixtures/snapshots/local-workspace';

interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

const lab = loadLab();
const repo = resolve('.');
const project = `parity-gate-${process.pid}`;
const workflow = parse(readFileSync('docs/ci/parity-gate.yml', 'utf8')) as {
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
let scratch: string;
let workspace: string;
let home: string;
let bin: string;

/**
 * Runs a step's `run:` text as the runner would (bash -e), in the checkout, with `npx parity` resolved to
 * this repository's CLI by an `npx` shim: the commands themselves are not rewritten.
 */
function runStep(
  step: Step,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('bash', ['-e', '-c', step.run ?? ''], {
    cwd: workspace,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      HOME: home,
      DOCKER_HOST: lab.engine.socket,
      PARITY_DATA_DIR: join(scratch, 'data'),
      SSH_AUTH_SOCK: '',
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function step(id: string): Step {
  const found = steps.find((s) => s.id === id);
  if (!found) throw new Error(`docs/ci/parity-gate.yml has no step with id ${id}`);
  return found;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-gate-'));
  home = join(scratch, 'home');
  bin = join(scratch, 'bin');
  mkdirSync(home);
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'npx'),
    `#!/bin/sh\nif [ "$1" = parity ]; then shift; exec "${process.execPath}" "${repo}/bin/parity.js" "$@"; fi\necho "npx $1: not available in this test" >&2; exit 127\n`,
  );
  chmodSync(join(bin, 'npx'), 0o755);
  workspace = join(scratch, 'checkout');
  await prepareLocalWorkspace(lab, workspace, project);
  // The workflow's own step starts and seeds the stack; staging's lab database is not seeded, so only
  // `up` runs here (a seeded local database would rightly differ from it).
  const up = runStep({ run: 'npx parity up --quiet' });
  expect(up.status, up.stderr).toBe(0);
});

afterAll(() => {
  if (workspace) runStep({ run: 'npx parity down --volumes --quiet' });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the CI parity gate in docs/ci/parity-gate.yml', () => {
  it('is a workflow that gates on parity check --staging --threshold 0.98 and uploads drift.json on failure', () => {
    expect(step('check').run?.trim()).toBe('npx parity check --staging --threshold 0.98 --report drift.json');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toMatch(/failure\(\)/);
    expect(upload?.with?.['path']).toBe('drift.json');
  });

  it('runs its key and check steps against the lab: the unchanged lab passes the gate', () => {
    const key = runStep(step('ssh-key'), {
      ...step('ssh-key').env,
      STAGING_SSH_KEY: readFileSync(lab.staging.ssh.identityFile, 'utf8').trim(),
    });
    expect(key.status, key.stderr).toBe(0);
    expect(existsSync(join(home, '.ssh', 'id_ed25519'))).toBe(true);

    // No --identity: like CI, the CLI finds ~/.ssh/id_ed25519 itself.
    const gate = runStep(step('check'));
    expect(gate.stderr).toBe('');
    expect(gate.status).toBe(0);
    expect(gate.stdout).toMatch(/PASSED — 0 errors/);
    const report = driftReportSchema.parse(JSON.parse(readFileSync(join(workspace, 'drift.json'), 'utf8')));
    expect(report).toMatchObject({ passed: true, threshold: 0.98, thresholdSource: 'flag' });
  });

  it('fails the gate (exit 1) and still writes drift.json for the upload when there is drift', () => {
    const contract = join(workspace, 'parity.yml');
    const original = readFileSync(contract, 'utf8');
    writeFileSync(
      contract,
      original.replace(/^( {2}dump: .*)$/m, `$1\n  checksum: sha256:${'0'.repeat(64)}`),
    );
    try {
      const gate = runStep(step('check'));
      expect(gate.status).toBe(1);
      const report = driftReportSchema.parse(JSON.parse(readFileSync(join(workspace, 'drift.json'), 'utf8')));
      expect(report.passed).toBe(false);
      expect(report.findings.map((f) => f.id)).toContain('data.seed-mismatch:db:contract');
    } finally {
      writeFileSync(contract, original);
    }
  });
});

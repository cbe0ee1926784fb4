import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeEngine } from '../../electron/core/engine/engine-probe';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();

function parity(
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('parity doctor (the CLI, built)', () => {
  it('checks the lab engine against the lab workspace and passes', async () => {
    const expected = await probeEngine(socketPathOf(lab.engine.socket));
    const run = parity(['doctor', '--workspace', lab.workspace], { DOCKER_HOST: lab.engine.socket });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('host.engine-kind');
    expect(run.stdout).toContain(expected.version);
    expect(run.stdout).not.toMatch(/^✖/m);
  });

  it('gives the findings as JSON with --json', () => {
    const run = parity(['doctor', '--json', '--workspace', lab.workspace], {
      DOCKER_HOST: lab.engine.socket,
    });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: Array<{ kind: string; severity: string }> };
    expect(report.findings.map((f) => f.kind)).toContain('host.engine-kind');
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('exits 3 with the command that fixes it when the chosen engine does not answer', () => {
    const notASocket = join(mkdtempSync(join(tmpdir(), 'parity-doctor-')), 'docker.sock');
    writeFileSync(notASocket, '');
    const run = parity(['doctor', '--workspace', lab.workspace], { DOCKER_HOST: `unix://${notASocket}` });
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('host.engine-unreachable');
    expect(run.stdout).toContain(notASocket);
    expect(run.stdout).toMatch(/fix: .+\n\s+\$ /);
  });

  it('exits 2 naming file, line and key for a bad parity.yml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-badws-'));
    writeFileSync(join(dir, 'parity.yml'), 'version: 1\nname: demo\nimgaes: {}\n');
    const run = parity(['doctor', '--workspace', dir], { DOCKER_HOST: lab.engine.socket });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${join(dir, 'parity.yml')}:3:1  imgaes: unknown key "imgaes" — did you mean "images"?`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown command or option', () => {
    expect(parity(['frobnicate'], {}).status).toBe(2);
    const run = parity(['doctor', '--frob'], {});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown option "--frob"');
  });
});

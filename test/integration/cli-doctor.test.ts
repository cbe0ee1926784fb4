import { spawnSync } from 'node:child_process';
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
  it('names the engine it reaches, with version and API', async () => {
    const expected = await probeEngine(socketPathOf(lab.engine.socket));
    const run = parity(['doctor'], { DOCKER_HOST: lab.engine.socket });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Docker Engine ${expected.version} (API ${expected.apiVersion}`);
  });

  it('exits 3 with the command that fixes it when no engine answers', () => {
    const run = parity(['doctor'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(
      'No Docker Engine answers at /nonexistent/docker.sock: the socket does not exist.',
    );
    expect(run.stderr).toContain('npm run lab:up');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown command', () => {
    const run = parity(['frobnicate'], {});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });
});

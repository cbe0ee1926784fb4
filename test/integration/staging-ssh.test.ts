import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParityError } from '../../electron/core/parity-error';
import { SshSession } from '../../electron/core/staging/ssh-session';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const target = lab.staging.ssh;
let session: SshSession;

beforeAll(async () => {
  session = await SshSession.open(target);
});
afterAll(() => session.close());

describe('the staging host over ssh2', () => {
  it('runs a command that reaches the staging engine, with the host key verified', async () => {
    const result = await session.exec([
      'docker',
      'ps',
      '--filter',
      'label=com.docker.compose.project=parity-lab',
      '--format',
      '{{.Names}} {{.Label "com.docker.compose.service"}}',
    ]);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trim().split('\n').sort();
    expect(lines).toEqual(['parity-lab-app-1 app', 'parity-lab-db-1 db']);
  });

  it('sends a hostile argument as one literal word that runs nothing', async () => {
    const marker = `/tmp/parity-owned-${process.pid}`;
    const result = await session.exec(['echo', `a;touch ${marker}`, '$(touch', `${marker})`]);
    expect(result.stdout).toBe(`a;touch ${marker} $(touch ${marker})\n`);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a host whose key does not match the pin, naming both fingerprints', async () => {
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const failure = await SshSession.open({ ...target, hostKey: wrong }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ParityError);
    expect(failure).toMatchObject({ code: 'host-key-mismatch' });
    expect((failure as Error).message).toContain(wrong);
    expect((failure as Error).message).toContain(target.hostKey);
  });
});

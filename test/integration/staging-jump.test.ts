import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParityError } from '../../electron/core/parity-error';
import { SshSession } from '../../electron/core/staging/ssh-session';
import { resolveStagingTarget } from '../../electron/core/staging/staging-target';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const ssh = lab.staging.ssh;
if (!lab.bastion) throw new Error(`${lab.labDir ?? '.lab'}/lab.json has no bastion: run npm run lab:up`);
const bastion = lab.bastion;

/**
 * A throwaway HOME whose ~/.ssh reaches the lab's staging through the lab's bastion sshd (127.0.0.1:2223,
 * its own host key; it runs no command and forwards only to staging's sshd).
 */
function homeWith(knownHosts: string): string {
  const home = mkdtempSync(join(tmpdir(), 'parity-jump-'));
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

/** known_hosts naming the bastion only: staging itself is pinned by the contract's fingerprint. */
const labKnownHosts = (): string => readFileSync(bastion.knownHostsFile ?? '', 'utf8');

describe('staging behind a bastion (ProxyJump from ~/.ssh/config)', () => {
  it('connects through the bastion, verified by known_hosts, to the pinned staging host', async () => {
    const target = await resolveStagingTarget({
      ssh: 'lab-staging',
      hostKey: ssh.hostKey,
      home: homeWith(labKnownHosts()),
      env: {},
    });
    expect(target.via?.knownHostKeys).toEqual([bastion.hostKey]);
    expect(bastion.hostKey).not.toBe(ssh.hostKey);
    const session = await SshSession.open(target);
    try {
      const result = await session.exec(['docker', 'ps', '--format', '{{.Names}}']);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('parity-lab-db-1');
    } finally {
      session.close();
    }
  });

  it('refuses a bastion that known_hosts does not know, showing its fingerprint', async () => {
    const target = await resolveStagingTarget({
      ssh: 'lab-staging',
      hostKey: ssh.hostKey,
      home: homeWith(''),
      env: {},
    });
    const failure = await SshSession.open(target).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ParityError);
    expect(failure).toMatchObject({ code: 'host-key-mismatch' });
    expect((failure as Error).message).toContain('is not a known host');
    expect((failure as Error).message).toContain(bastion.hostKey);
  });

  it('refuses a bastion whose key differs from known_hosts', async () => {
    const wrong = `[${bastion.host}]:${bastion.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFbDxhYr8juSIn/DZrq7ccZF2WNNV33sqiGdu/8O2Xvd\n`;
    const target = await resolveStagingTarget({
      ssh: 'lab-staging',
      hostKey: ssh.hostKey,
      home: homeWith(wrong),
      env: {},
    });
    const failure = await SshSession.open(target).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'host-key-mismatch' });
    expect((failure as Error).message).toContain('known_hosts holds');
  });

  it('names an encrypted identity without its passphrase instead of failing obscurely', async () => {
    const home = homeWith(labKnownHosts());
    const encrypted = join(home, 'encrypted_key');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret phrase', '-f', encrypted]);
    const target = await resolveStagingTarget({
      ssh: 'lab-staging',
      hostKey: ssh.hostKey,
      identity: encrypted,
      home,
      env: {},
    });
    const failure = await SshSession.open({ ...target, via: undefined }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'invalid-request' });
    expect((failure as Error).message).toContain('is encrypted and no passphrase was given');
  });
});

import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../electron/core/staging/host-key';
import { knownHostFingerprints } from '../../electron/core/staging/known-hosts';
import { parseSshConfig, sshConfigFor } from '../../electron/core/staging/ssh-config';
import { parseAddress, resolveStagingTarget } from '../../electron/core/staging/staging-target';

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIFbDxhYr8juSIn/DZrq7ccZF2WNNV33sqiGdu/8O2Xvd';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIHn57GOF2gJhdijNGIA760ygMZ4RWWLu54w5nioR9Zq8';
const FP_A = fingerprintOf(Buffer.from(KEY_A, 'base64'));
const FP_B = fingerprintOf(Buffer.from(KEY_B, 'base64'));

const CONFIG = `
# the team's staging, behind a bastion
Host staging
  HostName staging.internal
  User deploy
  Port 2200
  IdentityFile ~/.ssh/staging_key
  ProxyJump bastion
  ProxyCommand nc %h %p

Host bastion bastion-*
  HostName=bastion.acme.dev
  User jump

Host *.acme.dev !secret.acme.dev
  User acme

Host *
  User fallback
  IdentityFile ~/.ssh/id_ed25519
  ServerAliveInterval 30
`;

describe('~/.ssh/config', () => {
  const blocks = parseSshConfig(CONFIG);

  it('takes the first value for each keyword, and every IdentityFile in order', () => {
    expect(sshConfigFor(blocks, 'staging')).toEqual({
      hostName: 'staging.internal',
      user: 'deploy',
      port: 2200,
      identityFiles: ['~/.ssh/staging_key', '~/.ssh/id_ed25519'],
      proxyJump: 'bastion',
      unsupported: ['proxycommand'],
    });
  });

  it('matches patterns, several per Host line, and honours negation', () => {
    expect(sshConfigFor(blocks, 'bastion-eu').user).toBe('jump');
    expect(sshConfigFor(blocks, 'web.acme.dev').user).toBe('acme');
    expect(sshConfigFor(blocks, 'secret.acme.dev').user).toBe('fallback');
  });
});

describe('known_hosts', () => {
  it('finds plain, bracketed-port and hashed entries, and sets @revoked keys apart', () => {
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[10.0.0.9]:2222').digest('base64')}`;
    const text = [
      `staging.acme.dev,10.0.0.8 ssh-ed25519 ${KEY_A}`,
      `[staging.acme.dev]:2222 ssh-ed25519 ${KEY_B}`,
      `${hashed} ssh-ed25519 ${KEY_A}`,
      `@cert-authority *.acme.dev ssh-ed25519 ${KEY_B}`,
      `@revoked 10.0.0.8 ssh-ed25519 ${KEY_A}`,
    ].join('\n');
    expect(knownHostFingerprints(text, 'staging.acme.dev', 22)).toEqual({ keys: [FP_A], revoked: [] });
    expect(knownHostFingerprints(text, 'staging.acme.dev', 2222)).toEqual({ keys: [FP_B], revoked: [] });
    expect(knownHostFingerprints(text, '10.0.0.9', 2222).keys).toEqual([FP_A]);
    expect(knownHostFingerprints(text, '10.0.0.8', 22)).toEqual({ keys: [], revoked: [FP_A] });
    expect(knownHostFingerprints(text, 'other.acme.dev', 22).keys).toEqual([]);
  });
});

describe('the staging address', () => {
  it('parses user@host:port and aliases, and refuses what could be read as an option', () => {
    expect(parseAddress('deploy@staging.acme.dev:2222')).toEqual({
      user: 'deploy',
      host: 'staging.acme.dev',
      port: 2222,
    });
    expect(parseAddress('staging')).toEqual({ host: 'staging' });
    expect(parseAddress('[::1]:22')).toEqual({ host: '::1', port: 22 });
    expect(() => parseAddress('-oProxyCommand=touch /tmp/x')).toThrow(/not an SSH address/);
    expect(() => parseAddress('a b')).toThrow(/not an SSH address/);
  });

  it('resolves through ~/.ssh/config to a pinned target behind a bastion verified by known_hosts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'parity-sshhome-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'config'), CONFIG);
    writeFileSync(join(home, '.ssh', 'staging_key'), 'not read here');
    writeFileSync(join(home, '.ssh', 'id_ed25519'), 'not read here');
    writeFileSync(join(home, '.ssh', 'known_hosts'), `bastion.acme.dev ssh-ed25519 ${KEY_B}\n`);
    const target = await resolveStagingTarget({
      ssh: 'staging',
      hostKey: FP_A,
      home,
      env: { SSH_AUTH_SOCK: '/run/agent.sock' },
    });
    expect(target).toEqual({
      host: 'staging.internal',
      port: 2200,
      user: 'deploy',
      hostKey: FP_A,
      knownHostKeys: [],
      identityFile: join(home, '.ssh', 'staging_key'),
      agent: '/run/agent.sock',
      via: {
        host: 'bastion.acme.dev',
        port: 22,
        user: 'jump',
        hostKey: '',
        knownHostKeys: [FP_B],
        identityFile: join(home, '.ssh', 'id_ed25519'),
        agent: '/run/agent.sock',
      },
    });
  });
});

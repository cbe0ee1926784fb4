import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { DEPLOY_USER, ensureDeployUser } from './deploy-user.js';
import type { SshPaths } from './paths.js';
import { descendants, isAlive, ownedPid, run, spawnDetached, terminate } from './proc.js';
import { ensureKeyPair, fingerprint, publicKeyLine } from './ssh-keys.js';
import { waitUntil } from './wait.js';

export const SSH_HOST = '127.0.0.1';
export const SSH_PORT = 2222;
/** The bastion (jump host) in front of staging: ProxyJump tests reach staging through it. */
export const BASTION_PORT = 2223;
const SSHD = '/usr/sbin/sshd';

export interface SshdState {
  pid: number;
  hostKey: string;
  user: string;
  reused: boolean;
}

/**
 * What differs between the lab's two sshd: staging runs docker commands against the staging engine; the
 * bastion runs nothing and only forwards to staging's sshd (as a real jump host is set up).
 */
export interface SshdRole {
  port: number;
  /** The comment of the host key, and the config's first line. */
  name: string;
  header: string;
  /** Extra sshd_config lines after the common ones. */
  extra: readonly string[];
}

export function stagingRole(stagingSocket: string): SshdRole {
  return {
    port: SSH_PORT,
    name: 'parity-lab-staging-host',
    header: '# Written by test/lab/sshd.ts: the lab staging host, loopback only.',
    extra: [`SetEnv DOCKER_HOST=unix://${stagingSocket}`, 'Subsystem sftp internal-sftp'],
  };
}

export const BASTION_ROLE: SshdRole = {
  port: BASTION_PORT,
  name: 'parity-lab-bastion-host',
  header: '# Written by test/lab/sshd.ts: the lab bastion in front of staging, loopback only.',
  // A jump host: no shell, no command, forwarding to staging's sshd and nowhere else.
  extra: [
    'AllowTcpForwarding yes',
    `PermitOpen ${SSH_HOST}:${SSH_PORT}`,
    'PermitTTY no',
    'ForceCommand /bin/false',
  ],
};

function sshdConfig(paths: SshPaths, role: SshdRole): string {
  return [
    role.header,
    `ListenAddress ${SSH_HOST}:${role.port}`,
    `HostKey ${paths.hostKey}`,
    `PidFile ${paths.pidfile}`,
    `AuthorizedKeysFile ${paths.authorizedKeys}`,
    // Keys live in the lab dir, owned by root: the owner checks of StrictModes would refuse them.
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin no',
    `AllowUsers ${DEPLOY_USER}`,
    ...role.extra,
    'LogLevel INFO',
    '',
  ].join('\n');
}

/** True once something on the port speaks SSH, not merely accepts. */
function answersSsh(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: SSH_HOST, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('SSH-2.0-')));
    socket.once('error', () => done(false));
  });
}

export async function ensureSshd(paths: SshPaths, role: SshdRole): Promise<SshdState> {
  const port = role.port;
  await ensureDeployUser();
  mkdirSync(paths.dir, { recursive: true, mode: 0o755 });
  await ensureKeyPair(paths.hostKey, role.name);
  await ensureKeyPair(paths.clientKey, 'parity-lab-deploy');
  writeFileSync(paths.authorizedKeys, `${publicKeyLine(paths.clientKey)} parity-lab-deploy\n`, {
    mode: 0o644,
  });
  writeFileSync(paths.knownHosts, `[${SSH_HOST}]:${port} ${publicKeyLine(paths.hostKey)}\n`);
  const config = sshdConfig(paths, role);
  const hostKey = fingerprint(paths.hostKey);

  const running = ownedPid(paths.pidfile, paths.config);
  const unchanged = existsSync(paths.config) && readFileSync(paths.config, 'utf8') === config;
  if (running !== null && unchanged && (await answersSsh(port)))
    return { pid: running, hostKey, user: DEPLOY_USER, reused: true };
  if (running !== null) await terminate([running], 5_000);
  if (await answersSsh(port))
    throw new Error(`port ${port} is already served by an sshd the lab did not start; stop it and retry`);

  writeFileSync(paths.config, config);
  // Privilege separation needs this directory; it is on tmpfs and gone after a reboot.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  await run(SSHD, ['-t', '-f', paths.config]);
  rmSync(paths.pidfile, { force: true });
  const pid = await spawnDetached(SSHD, ['-D', '-e', '-f', paths.config], paths.log);
  // With -D sshd does not fork, so the spawned pid is the daemon; sshd rewrites the same pid itself.
  writeFileSync(paths.pidfile, `${pid}\n`);
  await waitUntil(`sshd ${SSH_HOST}:${port}`, () => answersSsh(port), {
    timeoutMs: 15_000,
    log: paths.log,
    stillRunning: () => isAlive(pid),
  });
  return { pid, hostKey, user: DEPLOY_USER, reused: false };
}

export async function stopSshd(paths: SshPaths): Promise<boolean> {
  const pid = ownedPid(paths.pidfile, paths.config);
  // Open sessions are children of the listener and outlive it unless stopped too.
  const sessions = pid === null ? [] : descendants(pid).map((proc) => proc.pid);
  if (pid !== null) await terminate([pid, ...sessions], 5_000);
  rmSync(paths.pidfile, { force: true });
  return pid !== null;
}

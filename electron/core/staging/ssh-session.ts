import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Client, type ConnectConfig } from 'ssh2';
import type * as Ssh2 from 'ssh2';
import { ParityError } from '../parity-error';
import { fingerprintOf, fingerprintsMatch } from './host-key';
import { runRemoteCommand, type ExecOptions, type RemoteResult } from './remote-command';
import { quoteCommand } from './shell-quote';

// ssh2 is CommonJS and `utils` is a nested object literal in its module.exports, which Node's ESM loader
// cannot see as a named export: `import { utils }` works bundled and under vitest but fails under plain
// Node/tsx (the lab's lab:up). require() sees all of module.exports everywhere.
const { utils } = createRequire(import.meta.url)('ssh2') as typeof Ssh2;

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** A private key file; without one, the ssh-agent at `agent` (SSH_AUTH_SOCK) signs. */
  identityFile?: string;
  /** For an encrypted identity file. */
  passphrase?: string;
  agent?: string;
  /** The pinned host key fingerprint (`SHA256:…`); when empty, `knownHostKeys` decides. */
  hostKey: string;
  /** Fingerprints known_hosts holds for this host (a bastion is verified this way). */
  knownHostKeys?: string[];
  /** A bastion to jump through first (ProxyJump), itself verified the same way. */
  via?: SshTarget;
}

export type { ExecOptions, RemoteResult } from './remote-command';

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * One SSH connection to the staging host with the host key verified against a pinned fingerprint (or the
 * user's known_hosts), through a bastion when staging sits behind one. A mismatch is refused and names both
 * fingerprints; an unknown host is refused with its fingerprint to confirm; nothing is "accepted for you".
 */
export class SshSession {
  private constructor(
    private readonly clients: Client[],
    private readonly target: SshTarget,
  ) {}

  static async open(target: SshTarget): Promise<SshSession> {
    const clients: Client[] = [];
    try {
      let sock: Duplex | undefined;
      for (const hop of hopsOf(target)) {
        const through = clients.at(-1);
        sock = through ? await forward(through, hop) : await openSocket(hop);
        clients.push(await handshake(hop, sock));
      }
      return new SshSession(clients, target);
    } catch (error) {
      for (const client of clients.reverse()) client.end();
      throw error;
    }
  }

  /** Runs argv on the remote host; every argument is shell-quoted. */
  exec(argv: readonly string[], options: ExecOptions = {}): Promise<RemoteResult> {
    const target = this.target;
    const where = `${target.user}@${target.host}:${target.port}`;
    return runRemoteCommand(this.clients.at(-1) as Client, where, quoteCommand(argv), options);
  }

  close(): void {
    for (const client of [...this.clients].reverse()) client.end();
  }
}

/** The bastion chain first, staging last. */
function hopsOf(target: SshTarget): SshTarget[] {
  return target.via ? [...hopsOf(target.via), target] : [target];
}

async function credentials(
  target: SshTarget,
): Promise<Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'agent'>> {
  if (target.identityFile === undefined) {
    if (target.agent === undefined) {
      throw new ParityError(
        'invalid-request',
        `No way to log in to ${target.user}@${target.host}: no identity file and no ssh-agent (SSH_AUTH_SOCK).`,
        'Pass --identity FILE, set IdentityFile in ~/.ssh/config, or start ssh-agent and ssh-add your key.',
      );
    }
    return { agent: target.agent };
  }
  const privateKey = await readFile(target.identityFile).catch((error: unknown) => {
    throw new ParityError(
      'invalid-request',
      `The SSH identity ${target.identityFile} cannot be read: ${(error as Error).message}.`,
      'Point the staging identity at a readable private key file.',
    );
  });
  // Parse before connecting, so an encrypted key without its passphrase (or a wrong one) is named as such.
  const parsed = utils.parseKey(privateKey, target.passphrase);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message);
    throw new ParityError(
      'invalid-request',
      encrypted
        ? `The SSH identity ${target.identityFile} is encrypted and ${target.passphrase === undefined ? 'no passphrase was given' : 'the passphrase does not open it'}.`
        : `The SSH identity ${target.identityFile} is not a private key Parity can read: ${parsed.message}.`,
      encrypted
        ? 'Add it to ssh-agent (ssh-add) or enter its passphrase when Parity asks.'
        : 'Point the staging identity at an OpenSSH or PEM private key.',
    );
  }
  return {
    privateKey,
    ...(target.passphrase === undefined ? {} : { passphrase: target.passphrase }),
    ...(target.agent === undefined ? {} : { agent: target.agent }),
  };
}

function hostKeyAccepted(target: SshTarget, seen: string): boolean {
  if (target.hostKey !== '') return fingerprintsMatch(target.hostKey, seen);
  return (target.knownHostKeys ?? []).some((known) => fingerprintsMatch(known, seen));
}

function refusal(target: SshTarget, seen: string): ParityError {
  const where = `${target.host}:${target.port}`;
  if (target.hostKey !== '') {
    return new ParityError(
      'host-key-mismatch',
      `Refused ${where}: its host key is ${seen}, but ${target.hostKey} is pinned.`,
      'If staging was rebuilt on purpose, confirm the new key with its administrator and update staging.hostKey in parity.yml.',
    );
  }
  if ((target.knownHostKeys ?? []).length > 0) {
    return new ParityError(
      'host-key-mismatch',
      `Refused ${where}: its host key is ${seen}, but known_hosts holds ${(target.knownHostKeys ?? []).join(', ')}.`,
      `If the host was rebuilt on purpose, confirm the new key, then: ssh-keygen -R '[${target.host}]:${target.port}'`,
    );
  }
  return new ParityError(
    'host-key-mismatch',
    `${where} is not a known host; its key is ${seen}. Parity never accepts an unknown host by itself.`,
    `Confirm that fingerprint with the host's administrator, then pin it (staging.hostKey in parity.yml, or --trust-host ${seen}).`,
  );
}

async function handshake(target: SshTarget, sock: Duplex): Promise<Client> {
  const auth = await credentials(target);
  const client = new Client();
  let seen: string | undefined;
  return new Promise<Client>((resolve, reject) => {
    client.once('ready', () => resolve(client));
    client.once('error', (error: Error) => {
      sock.destroy();
      if (seen !== undefined && !hostKeyAccepted(target, seen)) {
        reject(refusal(target, seen));
        return;
      }
      const authFailed = /authentication methods failed/i.test(error.message);
      reject(
        new ParityError(
          'ssh-failed',
          `SSH to ${target.user}@${target.host}:${target.port} failed: ${error.message}.`,
          authFailed
            ? `The host refused the key for ${target.user}: check the user and that the key is in its authorized_keys.`
            : 'Check the staging address, user and identity file.',
          { cause: error },
        ),
      );
    });
    client.connect({
      sock,
      username: target.user,
      readyTimeout: CONNECT_TIMEOUT_MS,
      ...auth,
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOf(key);
        return hostKeyAccepted(target, seen);
      },
    });
  });
}

/** A channel to the next hop through the bastion: `ssh -J` without a local port. */
function forward(through: Client, hop: SshTarget): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    through.forwardOut('127.0.0.1', 0, hop.host, hop.port, (error, channel) => {
      if (error) {
        reject(
          new ParityError(
            'ssh-failed',
            `The bastion could not reach ${hop.host}:${hop.port}: ${error.message}.`,
            'Check ProxyJump in ~/.ssh/config and that the bastion allows TCP forwarding.',
          ),
        );
        return;
      }
      resolve(channel);
    });
  });
}

/** Our own socket, so Nagle is off: ssh2's many small channel messages otherwise wait on delayed ACKs. */
function openSocket(target: SshTarget): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    const sock = netConnect({ host: target.host, port: target.port });
    sock.setNoDelay(true);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new ParityError('ssh-failed', `No answer from ${target.host}:${target.port} within 10s.`));
    }, CONNECT_TIMEOUT_MS);
    sock.once('connect', () => {
      clearTimeout(timer);
      resolve(sock);
    });
    sock.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new ParityError(
          'ssh-failed',
          `Cannot reach the staging host ${target.host}:${target.port}: ${error.code ?? error.message}.`,
          'Check that the staging host is up and the address in parity.yml is right (the lab: npm run lab:up).',
        ),
      );
    });
  });
}

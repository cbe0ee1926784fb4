import { connect as netConnect, type Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { Client } from 'ssh2';
import { ParityError } from '../parity-error';
import { fingerprintOf, fingerprintsMatch } from './host-key';
import { quoteCommand } from './shell-quote';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  identityFile: string;
  /** The pinned host key fingerprint (`SHA256:…`). Connections to any other key are refused. */
  hostKey: string;
}

export interface RemoteResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Output beyond this many bytes per stream is an error, not memory: remote output is untrusted. */
  maxBytes?: number;
  timeoutMs?: number;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * One SSH connection to the staging host with the host key verified against a pinned fingerprint.
 * A mismatch is refused and names both fingerprints; nothing is ever "accepted for you".
 */
export class SshSession {
  private constructor(private readonly client: Client) {}

  static async open(target: SshTarget): Promise<SshSession> {
    const privateKey = await readFile(target.identityFile).catch((error: unknown) => {
      throw new ParityError(
        'invalid-request',
        `The SSH identity ${target.identityFile} cannot be read: ${(error as Error).message}.`,
        'Point the staging identity at a readable private key file.',
      );
    });
    const sock = await openSocket(target);
    const client = new Client();
    let seenFingerprint: string | undefined;
    return new Promise<SshSession>((resolve, reject) => {
      client.once('ready', () => resolve(new SshSession(client)));
      client.once('error', (error: Error) => {
        sock.destroy();
        if (seenFingerprint !== undefined && !fingerprintsMatch(target.hostKey, seenFingerprint)) {
          reject(
            new ParityError(
              'host-key-mismatch',
              `Refused ${target.host}:${target.port}: its host key is ${seenFingerprint}, but ${target.hostKey} is pinned.`,
              'If staging was rebuilt on purpose, confirm the new key with its administrator and update staging.hostKey in parity.yml.',
            ),
          );
          return;
        }
        reject(
          new ParityError(
            'ssh-failed',
            `SSH to ${target.user}@${target.host}:${target.port} failed: ${error.message}.`,
            'Check the staging address, user and identity file.',
            { cause: error },
          ),
        );
      });
      client.connect({
        sock,
        username: target.user,
        privateKey,
        readyTimeout: CONNECT_TIMEOUT_MS,
        hostVerifier: (key: Buffer) => {
          seenFingerprint = fingerprintOf(key);
          return fingerprintsMatch(target.hostKey, seenFingerprint);
        },
      });
    });
  }

  /** Runs argv on the remote host; every argument is shell-quoted. */
  exec(argv: readonly string[], options: ExecOptions = {}): Promise<RemoteResult> {
    const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const command = quoteCommand(argv);
    return new Promise<RemoteResult>((resolve, reject) => {
      this.client.exec(command, (error, channel) => {
        if (error) {
          reject(
            new ParityError('ssh-failed', `The staging host refused to run a command: ${error.message}.`),
          );
          return;
        }
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let outBytes = 0;
        let errBytes = 0;
        let exitCode: number | null = null;
        let failed = false;
        const fail = (why: ParityError): void => {
          if (failed) return;
          failed = true;
          clearTimeout(timer);
          channel.close();
          reject(why);
        };
        const timer = setTimeout(
          () =>
            fail(
              new ParityError('ssh-failed', `The remote command did not finish within ${timeoutMs / 1000}s.`),
            ),
          timeoutMs,
        );
        channel.on('data', (chunk: Buffer) => {
          outBytes += chunk.length;
          if (outBytes > maxBytes) fail(tooLarge(maxBytes));
          else out.push(chunk);
        });
        channel.stderr.on('data', (chunk: Buffer) => {
          errBytes += chunk.length;
          if (errBytes > maxBytes) fail(tooLarge(maxBytes));
          else err.push(chunk);
        });
        channel.on('exit', (code: number | null) => {
          exitCode = code;
        });
        channel.on('close', () => {
          if (failed) return;
          clearTimeout(timer);
          resolve({
            exitCode,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          });
        });
      });
    });
  }

  close(): void {
    this.client.end();
  }
}

function tooLarge(maxBytes: number): ParityError {
  return new ParityError(
    'ssh-failed',
    `The remote command printed more than ${maxBytes} bytes; it was stopped.`,
  );
}

/** Our own socket, so Nagle is off: ssh2's many small channel messages otherwise wait on delayed ACKs. */
function openSocket(target: SshTarget): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
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

import { createRequire } from 'node:module';
import { connect } from 'node:net';
import type * as Ssh2 from 'ssh2';
import { fingerprintOf } from '../core/staging/host-key';
import { ParityError } from '../core/parity-error';

const { Client } = createRequire(import.meta.url)('ssh2') as typeof Ssh2;

/**
 * Reads a host's key fingerprint for a person to confirm, the way `ssh-keyscan | ssh-keygen -lf -` does:
 * the key is seen during the handshake and then refused, so no credential is ever offered to the host.
 */
export function readHostKeyFingerprint(host: string, port: number, timeoutMs = 10_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const client = new Client();
    let seen: string | undefined;
    const sock = connect({ host, port });
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error('timed out')));
    sock.on('error', () => {});
    client.once('error', (error: Error) => {
      sock.destroy();
      if (seen !== undefined) resolve(seen);
      else
        reject(
          new ParityError(
            'ssh-failed',
            `Could not read the host key of ${host}:${port}: ${error.message}.`,
            `Check that staging answers SSH: ssh -p ${port} ${host}`,
          ),
        );
    });
    client.connect({
      sock,
      username: 'parity-host-key-probe',
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOf(key);
        return false;
      },
    });
  });
}

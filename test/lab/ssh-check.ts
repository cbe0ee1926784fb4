import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  identityFile: string;
  hostKey: string;
}

/**
 * Logs in the way Parity will (key auth, pinned host key) and runs one command,
 * proving that remote commands reach the staging engine as the deploy user.
 */
export function sshExec(target: SshTarget, command: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const timer = setTimeout(() => {
      client.end();
      reject(new Error(`ssh ${target.user}@${target.host}:${target.port} timed out running ${command}`));
    }, timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      client.end();
      reject(error);
    };
    client.on('ready', () => {
      client.exec(command, (error, channel) => {
        if (error) return fail(error);
        let out = '';
        let err = '';
        channel.on('data', (chunk: Buffer) => (out += chunk.toString()));
        channel.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        channel.on('close', (code: number | null) => {
          clearTimeout(timer);
          client.end();
          if (code === 0) resolve(out);
          else reject(new Error(`ssh ${command} exited ${code}: ${err.trim()}`));
        });
      });
    });
    client.on('error', fail);
    client.connect({
      host: target.host,
      port: target.port,
      username: target.user,
      privateKey: readFileSync(target.identityFile),
      hostVerifier: (key: Buffer) =>
        `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}` === target.hostKey,
    });
  });
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { run } from './proc.js';

/** Generates an ed25519 key pair once; later runs keep it so the host fingerprint stays stable. */
export async function ensureKeyPair(file: string, comment: string): Promise<void> {
  if (existsSync(file) && existsSync(`${file}.pub`)) return;
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

/** "ssh-ed25519 AAAA…" without the comment. */
export function publicKeyLine(file: string): string {
  const [type, blob] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  if (!type || !blob) throw new Error(`${file}.pub is not an OpenSSH public key`);
  return `${type} ${blob}`;
}

/** OpenSSH's form: SHA256 of the raw key blob, base64 without padding (what `ssh-keygen -lf` prints). */
export function fingerprint(file: string): string {
  const blob = publicKeyLine(file).split(' ')[1] ?? '';
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

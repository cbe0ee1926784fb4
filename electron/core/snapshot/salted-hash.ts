import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * sha256(salt ‖ value) as `sha256:<hex>`. The salt is random per workspace, so equal values on the two
 * sides compare equal while a hash tells nothing about a value to anyone without the salt. Staging
 * computes the same function remotely (staging-script.ts) so its values never leave staging.
 */
export function saltedHash(salt: string, value: string): string {
  return `sha256:${createHash('sha256')
    .update(salt + value, 'utf8')
    .digest('hex')}`;
}

/** The workspace's salt, created on first use and kept in Parity's data folder, never in the repo. */
export async function workspaceSalt(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && /^[0-9a-f]{64}$/.test(existing.trim())) return existing.trim();
  const salt = randomBytes(32).toString('hex');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${salt}\n`, { mode: 0o600 });
  return salt;
}

import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LOCK_VERSION, parityLockSchema, type ParityLock } from '../../../shared/lock-schema';
import { ParityError } from '../parity-error';
import { lockJson } from './lock-json';

export const LOCK_FILE = 'parity.lock';

/** parity.lock lives beside parity.yml. */
export function lockPathFor(contractDir: string): string {
  return join(contractDir, LOCK_FILE);
}

/** A lock is a few KiB per image; this is far above any real one. */
const MAX_LOCK_BYTES = 4 * 1024 * 1024;

/**
 * Reads and validates parity.lock; undefined when there is none yet (first pull). A lock that is not
 * JSON, not this shape, or from a newer Parity is bad input with the path and the fix, never a guess:
 * a half-read lock would hide the very drift it exists to show.
 */
export async function readLock(path: string): Promise<ParityLock | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw corrupt(path, `it cannot be read (${(error as Error).message})`);
  }
  if (bytes.byteLength > MAX_LOCK_BYTES) throw corrupt(path, 'it is larger than 4 MiB');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw corrupt(path, `it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const version =
    typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  if (typeof version === 'number' && version > LOCK_VERSION) {
    throw new ParityError(
      'invalid-request',
      `${path} is version ${version}, written by a newer Parity; this one reads version ${LOCK_VERSION}.`,
      'Update Parity (npm install) to the version the team uses.',
    );
  }
  const result = parityLockSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue?.path.length ? issue.path.map(String).join('.') : 'the top level';
    throw corrupt(path, `${at}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return result.data;
}

/**
 * Writes the lock atomically: a temp file in the same folder, flushed, then renamed over the old one, so
 * a crash or Ctrl-C leaves the old lock or the new one, never half of one.
 */
export async function writeLock(path: string, lock: ParityLock): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(lockJson(lock));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function corrupt(path: string, why: string): ParityError {
  return new ParityError(
    'invalid-request',
    `${path} is not a valid parity.lock: ${why}.`,
    `Restore it from git (git checkout -- ${basename(path)}), or delete it and run npx parity pull to write a new one.`,
  );
}

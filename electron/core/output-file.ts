import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ParityError } from './parity-error';

/**
 * Writes a file the user named with -o/--report. A regular file (or a new one) is written beside its final
 * name and renamed, so CI never uploads half of it. A name that already exists and is not a regular file —
 * /dev/null, /dev/stdout, a named pipe — is written to directly: renaming over it would replace the device
 * itself (as root, `-o /dev/null` would leave a plain file at /dev/null for every program on the machine).
 */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  const file = resolve(path);
  const existing = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing?.isDirectory() === true) {
    throw new ParityError(
      'invalid-request',
      `${path} is a folder; Parity writes its output to a file.`,
      `Name a file inside it, for example ${path.replace(/\/+$/, '')}/drift.json.`,
    );
  }
  if (existing !== undefined && !existing.isFile()) {
    await writeFile(file, text);
    return;
  }
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  try {
    await writeFile(partial, text);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

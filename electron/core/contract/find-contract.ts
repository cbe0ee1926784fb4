import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const CONTRACT_FILE = 'parity.yml';

/**
 * The nearest parity.yml at or above `startDir`, the way git finds its repository: a developer runs
 * `parity check` from wherever they are in the project. Undefined when no folder up to the root has one.
 */
export async function findContract(startDir: string): Promise<string | undefined> {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONTRACT_FILE);
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile() === true) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

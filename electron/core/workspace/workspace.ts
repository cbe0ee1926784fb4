import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ParityError } from '../parity-error';

export interface Workspace {
  name: string;
  /** Absolute folder holding parity.yml. */
  path: string;
  /** The engine this workspace runs on, when the workspace names one (the lab does); else the default. */
  engineSocket?: string;
}

/**
 * Opens a workspace folder by its parity.yml. Only the name is read here; the full contract (schema,
 * compose, lockfile) is the contract loader's job.
 */
export async function openWorkspace(folder: string, engineSocket?: string): Promise<Workspace> {
  const path = resolve(folder);
  const file = join(path, 'parity.yml');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new ParityError(
      'workspace-missing',
      `There is no parity.yml in ${path}.`,
      'Open a folder that holds parity.yml, or run the demo lab: npm run lab:up.',
    );
  });
  const doc: unknown = parse(text);
  const name =
    typeof doc === 'object' && doc !== null && typeof (doc as { name?: unknown }).name === 'string'
      ? (doc as { name: string }).name
      : (path.split('/').pop() ?? path);
  return engineSocket === undefined ? { name, path } : { name, path, engineSocket };
}

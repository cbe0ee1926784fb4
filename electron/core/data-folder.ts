import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Parity's own data folder (baselines, salts, journals) — never inside the team's repository:
 * PARITY_DATA_DIR, else $XDG_DATA_HOME/parity, else ~/.local/share/parity.
 */
export function parityDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env['PARITY_DATA_DIR']) return resolve(env['PARITY_DATA_DIR']);
  if (env['XDG_DATA_HOME']) return join(env['XDG_DATA_HOME'], 'parity');
  return join(homedir(), '.local', 'share', 'parity');
}

/** One folder per workspace, named by a hash of its absolute path so two clones never share baselines. */
export function workspaceDataDir(
  workspaceDir: string,
  env?: Readonly<Record<string, string | undefined>>,
): string {
  const id = createHash('sha256').update(resolve(workspaceDir)).digest('hex').slice(0, 16);
  return join(parityDataDir(env), 'workspaces', id);
}

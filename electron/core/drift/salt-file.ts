import { join } from 'node:path';
import { workspaceDataDir } from '../data-folder';

/**
 * Where a workspace's salt lives: Parity's data folder, one per workspace path — never the repository, so
 * a salted hash in a report uploaded from CI reveals nothing to someone holding only the repo.
 */
export function saltFileFor(
  workspaceDir: string,
  env?: Readonly<Record<string, string | undefined>>,
): string {
  return join(workspaceDataDir(workspaceDir, env), 'salt');
}

import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** A file name per workspace folder: its path hashed, so any folder name is a safe file name. */
export function perWorkspaceFile(dataDir: string, folder: string, workspacePath: string): string {
  const key = createHash('sha256').update(workspacePath).digest('hex').slice(0, 24);
  return join(dataDir, folder, `${key}.json`);
}

import { join } from 'node:path';
import { workspaceDataDir } from '../data-folder';
import { BaselineStore } from './baseline-store';
import { RollbackJournal } from './rollback-journal';

/** How many baselines a workspace keeps; older ones are pruned after each save. */
export const KEEP_BASELINES = 10;

/**
 * The baselines and the rollback journal of one workspace, in Parity's data folder (default: the one
 * parityDataDir() finds; the app passes its own).
 */
export function workspaceBaselines(
  workspaceDir: string,
  dataDir?: string,
): { store: BaselineStore; journal: RollbackJournal } {
  const root = workspaceDataDir(
    workspaceDir,
    dataDir === undefined ? undefined : { PARITY_DATA_DIR: dataDir },
  );
  return {
    store: new BaselineStore(join(root, 'baselines')),
    journal: new RollbackJournal(join(root, 'rollback-journal.json')),
  };
}

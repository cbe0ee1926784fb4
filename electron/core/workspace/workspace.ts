import { resolve } from 'node:path';
import { loadContract } from '../contract/load-contract';

export interface Workspace {
  name: string;
  /** Absolute folder holding parity.yml. */
  path: string;
  /** The engine this workspace runs on, when the workspace names one (the lab does); else the default. */
  engineSocket?: string;
}

/** Opens a workspace folder by its parity.yml, which must validate (a ContractError says where it does not). */
export async function openWorkspace(folder: string, engineSocket?: string): Promise<Workspace> {
  const loaded = await loadContract(resolve(folder, 'parity.yml'));
  const workspace = { name: loaded.contract.name, path: loaded.dir };
  return engineSocket === undefined ? workspace : { ...workspace, engineSocket };
}

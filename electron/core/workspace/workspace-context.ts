import { join, resolve } from 'node:path';
import type { ParityContract } from '../../../shared/parity-schema';
import { loadCompose } from '../compose/load-compose';
import type { ComposeModel } from '../compose/model';
import { findContract, loadContract } from '../contract/load-contract';
import { ParityError } from '../parity-error';

export interface WorkspaceContext {
  /** The folder holding parity.yml. */
  dir: string;
  contractPath: string;
  contract: ParityContract;
  compose: ComposeModel;
  /** The compose project name: what containers, networks and volumes are labelled and prefixed with. */
  project: string;
}

/**
 * The workspace a command works on: --workspace DIR, else the nearest parity.yml upward from here, with its
 * contract and compose model loaded and validated (bad input throws with file:line and key path).
 */
export async function openWorkspaceContext(workspace: string | undefined): Promise<WorkspaceContext> {
  const contractPath = workspace ? resolve(workspace, 'parity.yml') : await findContract(process.cwd());
  if (contractPath === undefined) {
    throw new ParityError(
      'workspace-missing',
      `No parity.yml in ${process.cwd()} or any folder above it.`,
      'Run Parity inside a workspace, or pass --workspace DIR.',
    );
  }
  const loaded = await loadContract(contractPath);
  const { model } = await loadCompose({ file: join(loaded.dir, loaded.contract.compose), env: process.env });
  return {
    dir: loaded.dir,
    contractPath: loaded.path,
    contract: loaded.contract,
    compose: model,
    project: model.name,
  };
}

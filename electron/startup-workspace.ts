import { readLabFile } from './core/workspace/lab-file';
import { openWorkspace, type Workspace } from './core/workspace/workspace';

/**
 * The workspace the app opens on: PARITY_WORKSPACE when set, else the embedded default, the demo lab.
 * A missing lab is not fatal: the app opens on its welcome screen and says how to bring the lab up.
 */
export async function startupWorkspace(
  labFile: string,
): Promise<{ workspace: Workspace | null; problem?: string }> {
  try {
    const explicit = process.env['PARITY_WORKSPACE'];
    if (explicit) return { workspace: await openWorkspace(explicit) };
    const lab = await readLabFile(labFile);
    return { workspace: await openWorkspace(lab.workspace, lab.engine.socket) };
  } catch (error) {
    return { workspace: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

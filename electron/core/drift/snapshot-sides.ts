import type { Snapshot } from '../../../shared/snapshot-schema';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';
import { localSnapshot } from '../snapshot/local-snapshot';
import { containerPortFor } from '../snapshot/port-mapping';
import { snapshotSpec, type SnapshotSpec } from '../snapshot/snapshot-spec';
import { stagingSnapshot } from '../snapshot/staging-snapshot';
import type { SshSession } from '../staging/ssh-session';
import type { WorkspaceContext } from '../workspace/workspace-context';

/**
 * What each side's snapshot looks at. The two sides share the salt (so equal env values hash equal) but
 * not the project: locally it is the compose model's name, on staging the one parity.yml names.
 */
export function snapshotSpecs(
  workspace: WorkspaceContext,
  salt: string,
): { local: SnapshotSpec; staging: SnapshotSpec } {
  const ports = containerPortFor(workspace.compose);
  return {
    local: snapshotSpec(workspace.contract, workspace.project, salt, ports),
    staging: snapshotSpec(workspace.contract, workspace.contract.staging.project, salt, ports),
  };
}

/** The local side; an engine that fails half-way is an environment failure, said in words. */
export async function takeLocalSnapshot(engine: DockerEngine, spec: SnapshotSpec): Promise<Snapshot> {
  try {
    return await localSnapshot(engine, spec);
  } catch (error) {
    if (error instanceof ParityError) throw error;
    throw new ParityError(
      'engine-error',
      `Reading the local stack (project ${spec.project}) from the engine at ${engine.info.socket} failed: ${(error as Error).message}`,
      'Check the engine with: npx parity doctor',
      { cause: error },
    );
  }
}

export async function takeStagingSnapshot(
  session: SshSession,
  spec: SnapshotSpec,
  timeoutMs?: number,
): Promise<Snapshot> {
  try {
    return await stagingSnapshot(session, spec, timeoutMs);
  } catch (error) {
    if (error instanceof ParityError) throw error;
    throw new ParityError(
      'ssh-failed',
      `Collecting staging's evidence failed: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

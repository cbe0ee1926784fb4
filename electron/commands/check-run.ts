import type { DriftReport } from '../../shared/drift-report-schema';
import type { Snapshot } from '../../shared/snapshot-schema';
import { compareSnapshots } from '../core/drift/compare';
import { writtenThreshold } from '../core/drift/contract-threshold';
import { saltFileFor } from '../core/drift/salt-file';
import { resolveThreshold } from '../core/drift/score';
import { snapshotSpecs, takeLocalSnapshot, takeStagingSnapshot } from '../core/drift/snapshot-sides';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { runDoctor } from '../core/host/doctor';
import { observeEngine } from '../core/host/engine-observation';
import type { Finding as HostFinding } from '../core/host/finding';
import { nodeHostProbe } from '../core/host/node-host-probe';
import { workspaceSalt } from '../core/snapshot/salted-hash';
import { openWorkspaceContext, type WorkspaceContext } from '../core/workspace/workspace-context';
import type { CheckOptions } from './check-options';

export type CheckRunOptions = Pick<
  CheckOptions,
  'workspace' | 'staging' | 'threshold' | 'identity' | 'trustHost'
> & {
  timeoutSeconds?: number | undefined;
  /** The engine to judge (the app's Settings or the workspace's); default: DOCKER_HOST, as the CLI does. */
  engineSocket?: string | undefined;
};

/** A check as `parity check` and `parity fix` run it: the report, and what it was made from. */
export interface CheckRun {
  report: DriftReport;
  local: Snapshot;
  /** Staging's snapshot, or null when only the contract was checked. */
  staging: Snapshot | null;
  engine: DockerEngine;
}

/**
 * Collects the evidence (the local stack through the engine, staging over one SSH connection, this
 * machine through the doctor) and compares it. The salt comes from Parity's data folder, per workspace.
 */
export async function runCheck(options: CheckRunOptions): Promise<CheckRun> {
  const workspace = await openWorkspaceContext(options.workspace);
  const threshold = resolveThreshold(
    options.threshold,
    await writtenThreshold(workspace.contractPath, workspace.contract.threshold),
  );
  const specs = snapshotSpecs(workspace, await workspaceSalt(saltFileFor(workspace.dir)));
  const engine = await DockerEngine.connect(resolveEngineSocket({ explicit: options.engineSocket }));
  // ssh2 is loaded only when staging is asked for: a local check never needs it.
  const staging = options.staging
    ? await (await import('./staging-target')).openStaging(workspace.contract, options)
    : null;
  try {
    // The three sides of the evidence are independent: collect them at once.
    const [local, stagingSnapshot, host] = await Promise.all([
      takeLocalSnapshot(engine, specs.local),
      staging === null ? null : takeStagingSnapshot(staging.session, specs.staging, timeoutMs(options)),
      hostFindings(workspace, options.engineSocket),
    ]);
    const report = compareSnapshots(
      { contract: workspace.contract, local, staging: stagingSnapshot, host },
      {
        workspace: workspace.dir,
        time: new Date().toISOString(),
        threshold,
        ...(staging === null ? {} : { stagingTarget: staging.target }),
      },
    );
    return { report, local, staging: stagingSnapshot, engine };
  } finally {
    staging?.session.close();
  }
}

function timeoutMs(options: CheckRunOptions): number | undefined {
  return options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000;
}

/** The doctor's view of this machine, judged against the images the contract pins. */
async function hostFindings(
  workspace: WorkspaceContext,
  engineSocket: string | undefined,
): Promise<HostFinding[]> {
  const probe = nodeHostProbe(
    engineSocket === undefined ? {} : { env: { ...process.env, DOCKER_HOST: engineSocket } },
  );
  return runDoctor({
    probe,
    engine: await observeEngine(probe),
    workspaceDir: workspace.dir,
    images: Object.values(workspace.contract.images).map((ref) => ({
      ref,
      platforms: [...workspace.contract.platforms],
    })),
  });
}

/** The local stack against the contract alone (no staging): what a reset or the first-baseline offer asks. */
export async function runLocalCheck(workspace: string, engineSocket?: string): Promise<DriftReport> {
  const run = await runCheck({
    workspace,
    staging: false,
    threshold: undefined,
    identity: undefined,
    trustHost: undefined,
    engineSocket,
  });
  return run.report;
}

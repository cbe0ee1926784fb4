import type { Snapshot } from '../../shared/snapshot-schema';
import { EXIT } from '../cli-exit-codes';
import { saltFileFor } from '../core/drift/salt-file';
import { snapshotSpecs, takeLocalSnapshot, takeStagingSnapshot } from '../core/drift/snapshot-sides';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { writeOutputFile } from '../core/output-file';
import { workspaceSalt } from '../core/snapshot/salted-hash';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseSnapshotOptions } from './check-options';

/**
 * `parity snapshot [--staging] [-o FILE]`: one side's evidence as JSON — this machine's stack, or staging's
 * with --staging. Env values appear only as hashes salted with this workspace's salt.
 */
export async function snapshotCommand(args: readonly string[]): Promise<number> {
  const options = parseSnapshotOptions(args);
  const workspace = await openWorkspaceContext(options.workspace);
  const specs = snapshotSpecs(workspace, await workspaceSalt(saltFileFor(workspace.dir)));
  let snapshot: Snapshot;
  if (options.staging) {
    const { openStaging } = await import('./staging-target');
    const staging = await openStaging(workspace.contract, options);
    try {
      snapshot = await takeStagingSnapshot(
        staging.session,
        specs.staging,
        options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
      );
    } finally {
      staging.session.close();
    }
  } else {
    snapshot = await takeLocalSnapshot(await DockerEngine.connect(resolveEngineSocket({})), specs.local);
  }
  const json = `${JSON.stringify(snapshot, null, 2)}\n`;
  if (options.output === undefined || options.output === '-') {
    process.stdout.write(json);
    return EXIT.ok;
  }
  await writeOutputFile(options.output, json);
  process.stderr.write(`snapshot: ${options.output}\n`);
  return EXIT.ok;
}

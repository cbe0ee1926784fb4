import { EXIT } from '../cli-exit-codes';
import { saveBaseline } from '../core/baseline/save-baseline';
import { KEEP_BASELINES, workspaceBaselines } from '../core/baseline/workspace-baselines';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { formatDownResult } from '../core/stack/format-stack';
import { downStack } from '../core/stack/stack-down';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseCommonOptions, type CommonOptions } from './cli-options';

export interface DownOptions extends CommonOptions {
  volumes: boolean;
}

export function parseDownOptions(args: readonly string[]): DownOptions {
  const volumes = args.includes('--volumes') || args.includes('-v');
  const rest = args.filter((arg) => arg !== '--volumes' && arg !== '-v');
  return { ...parseCommonOptions(rest), volumes };
}

/**
 * `parity down`: removes the workspace project's containers and networks, found by their compose labels.
 * Named volumes (the developer's data) stay unless --volumes is given, and even then they are first saved
 * as a before-reset baseline (`parity rollback --undo` brings them back); if that save fails, nothing is
 * removed.
 */
export async function downCommand(options: DownOptions): Promise<number> {
  const workspace = await openWorkspaceContext(options.workspace);
  const engine = await DockerEngine.connect(resolveEngineSocket({}));
  if (options.volumes) {
    const { store } = workspaceBaselines(workspace.dir);
    const safety = await saveBaseline(engine, store, workspace, {
      kind: 'before-reset',
      name: 'before down --volumes',
    });
    await store.prune(KEEP_BASELINES, new Set([safety.id]));
    if (!options.json && !options.quiet && safety.volumes.length > 0)
      process.stdout.write(
        `saved the volumes first: baseline ${safety.id} (get them back with: npx parity rollback --undo)\n`,
      );
  }
  const result = await downStack(engine, workspace.project, { volumes: options.volumes });
  if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (!options.quiet) process.stdout.write(formatDownResult(result));
  return EXIT.ok;
}

import { dirname, join } from 'node:path';
import type { StackControl } from '../baseline/rollback';
import { loadCompose } from '../compose/load-compose';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';
import type { WorkspaceContext } from '../workspace/workspace-context';
import { retireContainer } from './container-lifecycle';
import { listProjectContainers } from './project-containers';
import { downStack } from './stack-down';
import type { StackEvent } from './stack-events';
import { upStack } from './stack-up';

export interface ComposeStackOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: StackEvent) => void;
}

/**
 * How a rollback stops and starts the workspace's stack: the same Engine API orchestration as `parity up`
 * and `parity down`. The compose file is read again at each start, since a rollback may have just restored
 * it. Starting with one service stopped recreates only that one: the others' containers are unchanged and
 * adopted as they run (same container ids).
 */
export function composeStackControl(
  engine: DockerEngine,
  workspace: Pick<WorkspaceContext, 'dir' | 'contract' | 'project'>,
  options: ComposeStackOptions = {},
): StackControl {
  return {
    async stop(services) {
      if (services === undefined) {
        await downStack(engine, workspace.project, { volumes: false });
        return;
      }
      const containers = await listProjectContainers(engine, workspace.project);
      await Promise.all(
        containers.filter((c) => services.includes(c.service)).map((c) => retireContainer(engine, c.id)),
      );
    },
    async start() {
      const composeFile = join(workspace.dir, workspace.contract.compose);
      const { model } = await loadCompose({ file: composeFile, env: process.env });
      const result = await upStack(engine, model, {
        origin: { workingDir: dirname(composeFile), configFiles: [composeFile] },
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      if (result.outcome !== 'ready') {
        throw new ParityError(
          'engine-error',
          `The stack did not become healthy after the restore (${result.outcome}): ${result.message}`,
          'See why with: npx parity up; the restore itself is done, run the rollback again to retry the start.',
        );
      }
    },
  };
}

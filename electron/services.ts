import type { Handlers } from './api-dispatch';
import { DockerEngine } from './core/engine/docker-engine';
import { resolveEngineSocket } from './core/engine/engine-endpoint';
import type { Workspace } from './core/workspace/workspace';

export interface ServiceContext {
  version: string;
  mode: 'electron' | 'browser';
  workspace: Workspace | null;
}

/**
 * The services behind the contract, wired from plain values. Both transports (Electron IPC and the
 * browser-mode WebSocket) call these same handlers through `dispatch`.
 */
export function createHandlers(context: ServiceContext): Handlers {
  const engineSocket = (): string => resolveEngineSocket({ explicit: context.workspace?.engineSocket });
  return {
    'app:info': async () => ({
      version: context.version,
      mode: context.mode,
      workspace: context.workspace ? { name: context.workspace.name, path: context.workspace.path } : null,
    }),
    'engine:version': async () => (await DockerEngine.connect(engineSocket())).info,
  };
}

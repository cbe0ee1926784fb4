import type { Handlers } from './api-dispatch';
import { listContainers, followLogs } from './core/engine/containers';
import { runningServiceContainer } from './core/engine/service-container';
import { runDoctor } from './core/host/doctor';
import { observeEngine } from './core/host/engine-observation';
import { nodeHostProbe } from './core/host/node-host-probe';
import { ParityError } from './core/parity-error';
import { runSeed } from './core/seed/run-seed';
import { openWorkspaceContext } from './core/workspace/workspace-context';
import { DockerEngine } from './core/engine/docker-engine';
import { resolveEngineSocket } from './core/engine/engine-endpoint';
import { EventBus } from './core/streams/event-bus';
import { StreamHub } from './core/streams/stream-hub';
import type { Workspace } from './core/workspace/workspace';

export interface ServiceContext {
  version: string;
  mode: 'electron' | 'browser';
  workspace: Workspace | null;
}

export interface Services {
  handlers: Handlers;
  /** The events for the page; the transport forwards them. */
  bus: EventBus;
  streams: StreamHub;
}

/** The composition of the engine room behind one window or one browser-mode host. */
export function createServices(context: ServiceContext): Services {
  const bus = new EventBus();
  const streams = new StreamHub(bus);
  return { handlers: createHandlers(context, streams), bus, streams };
}

/**
 * The services behind the contract, wired from plain values. Both transports (Electron IPC and the
 * browser-mode WebSocket) call these same handlers through `dispatch`.
 */
function createHandlers(context: ServiceContext, streams: StreamHub): Handlers {
  const engine = (): Promise<DockerEngine> =>
    DockerEngine.connect(resolveEngineSocket({ explicit: context.workspace?.engineSocket }));
  return {
    'app:info': async () => ({
      version: context.version,
      mode: context.mode,
      workspace: context.workspace ? { name: context.workspace.name, path: context.workspace.path } : null,
    }),
    'engine:version': async () => (await engine()).info,
    'containers:list': async () => listContainers(await engine()),
    'logs:follow': async ({ container, tail }) => {
      const connected = await engine();
      return streams.start((output) => followLogs(connected, container, tail ?? 200, output));
    },
    'stream:cancel': async ({ streamId }) => ({ cancelled: streams.cancel(streamId) }),
    'host:doctor': async () => {
      // The workspace's engine (the lab's, for the demo) is the one the doctor judges.
      const socket = context.workspace?.engineSocket;
      const probe = nodeHostProbe(
        socket === undefined ? {} : { env: { ...process.env, DOCKER_HOST: socket } },
      );
      const workspace = context.workspace ? await openWorkspaceContext(context.workspace.path) : undefined;
      const platforms = workspace?.contract.platforms ?? [];
      const findings = await runDoctor({
        probe,
        engine: await observeEngine(probe),
        workspaceDir: context.workspace?.path ?? process.cwd(),
        images: Object.values(workspace?.contract.images ?? {}).map((ref) => ({
          ref,
          platforms: [...platforms],
        })),
      });
      return { findings };
    },
    'seed:run': async () => {
      if (!context.workspace) throw new ParityError('workspace-missing', 'Open a workspace before seeding.');
      const workspace = await openWorkspaceContext(context.workspace.path);
      const connected = await engine();
      const { seed } = workspace.contract;
      const container = await runningServiceContainer(connected, workspace.project, seed.service);
      return streams.start((output) => runSeed(connected, container, seed, output));
    },
  };
}

import type { Handlers } from './api-dispatch';
import { listContainers, followLogs } from './core/engine/containers';
import { runningServiceContainer } from './core/engine/service-container';
import { runDoctor } from './core/host/doctor';
import { observeEngine } from './core/host/engine-observation';
import { nodeHostProbe } from './core/host/node-host-probe';
import { ParityError } from './core/parity-error';
import { runSeed } from './core/seed/run-seed';
import { openWorkspaceContext } from './core/workspace/workspace-context';
import type { DockerEngine } from './core/engine/docker-engine';
import { EventBus } from './core/streams/event-bus';
import { StreamHub } from './core/streams/stream-hub';
import { join } from 'node:path';
import { parityDataDir } from './core/data-folder';
import { RecentWorkspaces } from './core/workspace/recent-workspaces';
import type { Workspace } from './core/workspace/workspace';
import { WorkspaceSession } from './workspace-session';
import { ExecSessions } from './exec-sessions';
import { openTtyExec } from './core/engine/tty-exec';
import { createWizardHandlers } from './app/wizard-services';
import { appEngine } from './app/app-engine';
import { createResetHandlers } from './app/reset-services';
import { createDriftHandlers } from './app/drift-services';

export interface ServiceContext {
  version: string;
  mode: 'electron' | 'browser';
  /** The workspace the window opens on (the demo lab by default). */
  workspace: Workspace | null;
  /** Parity's data folder (recent workspaces); default: parityDataDir(). */
  dataDir?: string;
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
  const dataDir = context.dataDir ?? parityDataDir();
  const recent = new RecentWorkspaces(join(dataDir, 'recent.json'));
  const session = new WorkspaceSession(context.workspace, recent, context.workspace);
  return { handlers: createHandlers(context, session, streams, dataDir), bus, streams };
}

/**
 * The services behind the contract, wired from plain values. Both transports (Electron IPC and the
 * browser-mode WebSocket) call these same handlers through `dispatch`.
 */
function createHandlers(
  context: ServiceContext,
  session: WorkspaceSession,
  streams: StreamHub,
  dataDir: string,
): Handlers {
  const engines = appEngine(dataDir, session);
  const engine = (): Promise<DockerEngine> => engines.connect();
  const shells = new ExecSessions();
  const ref = (w: Workspace): { name: string; path: string } => ({ name: w.name, path: w.path });
  return {
    ...createWizardHandlers(dataDir, session, streams, engines),
    ...createResetHandlers(dataDir, session, streams, engines),
    ...createDriftHandlers(dataDir, session, streams, engines),
    'app:info': async () => ({
      version: context.version,
      mode: context.mode,
      workspace: session.current() ? ref(session.current() as Workspace) : null,
    }),
    'engine:version': async () => (await engine()).info,
    'containers:list': async () => listContainers(await engine()),
    'logs:follow': async ({ container, tail }) => {
      const connected = await engine();
      return streams.start((output) => followLogs(connected, container, tail ?? 200, output));
    },
    'exec:open': async ({ container, cols, rows }) => {
      const connected = await engine();
      const started: { streamId: string } = streams.start(async (output) => {
        try {
          return await openTtyExec(connected, container, { cols, rows }, output, (control) =>
            shells.attach(started.streamId, control),
          );
        } finally {
          shells.remove(started.streamId);
        }
      });
      // Registered before the answer goes out, so input typed at once is held, not refused.
      shells.register(started.streamId);
      return started;
    },
    'exec:input': async ({ streamId, data }) => {
      shells.write(streamId, data);
      return { accepted: true };
    },
    'exec:resize': async ({ streamId, cols, rows }) => {
      await shells.resize(streamId, { cols, rows });
      return { resized: true };
    },
    'workspace:open': async ({ path }) => ref(await session.open(path)),
    'workspace:recent': async () => ({
      recent: await session.recentList(),
      demo: session.demo ? ref(session.demo) : null,
    }),
    'stream:cancel': async ({ streamId }) => ({ cancelled: streams.cancel(streamId) }),
    'host:doctor': async () => {
      // The app's engine (Settings', else the workspace's: the lab's for the demo) is the one the doctor judges.
      const current = session.current();
      const socket = await engines.socket();
      const probe = nodeHostProbe(
        socket === undefined ? {} : { env: { ...process.env, DOCKER_HOST: socket } },
      );
      const workspace = current ? await openWorkspaceContext(current.path) : undefined;
      const platforms = workspace?.contract.platforms ?? [];
      const findings = await runDoctor({
        probe,
        engine: await observeEngine(probe),
        workspaceDir: current?.path ?? process.cwd(),
        images: Object.values(workspace?.contract.images ?? {}).map((ref) => ({
          ref,
          platforms: [...platforms],
        })),
      });
      return { findings };
    },
    'seed:run': async () => {
      const current = session.current();
      if (!current) throw new ParityError('workspace-missing', 'Open a workspace before seeding.');
      const workspace = await openWorkspaceContext(current.path);
      const connected = await engine();
      const { seed } = workspace.contract;
      const container = await runningServiceContainer(connected, workspace.project, seed.service);
      return streams.start((output) => runSeed(connected, container, seed, output));
    },
  };
}

import type { Baseline } from '../../shared/baseline-schema';
import type { BaselineSummary } from '../../shared/reset-schema';
import type { Handlers } from '../api-dispatch';
import { runRollback } from '../commands/rollback-run';
import { uncommittedFiles } from '../core/baseline/rollback';
import { saveBaseline } from '../core/baseline/save-baseline';
import { KEEP_BASELINES, workspaceBaselines } from '../core/baseline/workspace-baselines';
import { ParityError } from '../core/parity-error';
import type { StreamHub } from '../core/streams/stream-hub';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import type { WorkspaceSession } from '../workspace-session';
import type { AppEngine } from './app-engine';

type ResetHandlers = Pick<Handlers, 'baseline:list' | 'baseline:save' | 'rollback:run' | 'rollback:undo'>;

export function summarise(baseline: Baseline): BaselineSummary {
  return {
    id: baseline.id,
    name: baseline.name,
    kind: baseline.kind,
    createdAt: baseline.createdAt,
    commit: baseline.git.commit,
    files: baseline.files.map((f) => f.path),
    volumes: baseline.volumes.map((v) => ({ key: v.key, bytes: v.bytes })),
    bytes: baseline.volumes.reduce((sum, v) => sum + v.bytes, 0),
  };
}

/**
 * The Reset screen's engine room: the same baselines, rollback and check the CLI uses, on the workspace
 * the window has open, with the app's engine and data folder. A rollback streams each step as a JSON line;
 * cancelling stops it between steps and the journal lets the next run finish it.
 */
export function createResetHandlers(
  dataDir: string,
  session: WorkspaceSession,
  streams: StreamHub,
  engine: AppEngine,
): ResetHandlers {
  /** Workspaces with a rollback running: a second one at the same time would fight over the stack. */
  const running = new Set<string>();
  const workspace = async (): Promise<Awaited<ReturnType<typeof openWorkspaceContext>>> => {
    const current = session.current();
    if (!current) throw new ParityError('workspace-missing', 'Open a workspace first.');
    return openWorkspaceContext(current.path);
  };

  const start = async (request: {
    to?: string | undefined;
    service?: string | undefined;
    force?: boolean | undefined;
    undo: boolean;
  }): Promise<{ streamId: string }> => {
    const opened = await workspace();
    if (running.has(opened.dir)) {
      throw new ParityError(
        'invalid-request',
        'A reset of this workspace is already running.',
        'Wait for it to finish, or cancel it first.',
      );
    }
    const connected = await engine.connect();
    const engineSocket = await engine.socket();
    const baselines = workspaceBaselines(opened.dir, dataDir);
    running.add(opened.dir);
    return streams.start(async (output) => {
      try {
        return await runRollback({
          workspace: opened,
          engine: connected,
          engineSocket,
          baselines,
          to: request.to,
          service: request.service,
          force: request.force ?? false,
          undo: request.undo,
          signal: output.signal,
          onStep: (step) => output.write(`${JSON.stringify(step)}\n`),
        });
      } finally {
        running.delete(opened.dir);
      }
    });
  };

  return {
    'baseline:list': async () => {
      const opened = await workspace();
      const { store, journal } = workspaceBaselines(opened.dir, dataDir);
      const baselines = await store.list();
      const lastKnownGood = baselines.find((b) => b.kind !== 'before-reset') ?? null;
      const pending = await journal.read();
      return {
        baselines: baselines.map(summarise),
        lastKnownGood: lastKnownGood?.id ?? null,
        undoTo: baselines.find((b) => b.kind === 'before-reset')?.id ?? null,
        uncommitted: lastKnownGood
          ? await uncommittedFiles(
              opened.dir,
              lastKnownGood.files.map((f) => f.path),
            )
          : [],
        pending: pending ? { target: pending.target, service: pending.service } : null,
        services: Object.keys(opened.compose.services),
      };
    },
    'baseline:save': async ({ name }) => {
      const opened = await workspace();
      const { store } = workspaceBaselines(opened.dir, dataDir);
      const saved = await saveBaseline(await engine.connect(), store, opened, {
        kind: 'manual',
        ...(name === undefined ? {} : { name }),
      });
      await store.prune(KEEP_BASELINES);
      return summarise(saved);
    },
    'rollback:run': ({ to, service, force }) => start({ to, service, force, undo: false }),
    'rollback:undo': ({ force }) => start({ force, undo: true }),
  };
}

import type { ComposeModel } from '../compose/model';
import type { DockerEngine } from '../engine/docker-engine';
import type { ProjectOrigin } from './compose-labels';
import { failureFinding } from './failure-finding';
import { ProjectEventFeed } from './project-event-feed';
import type { StackEvent, UpResult } from './stack-events';
import { StackRun } from './stack-run';
import { buildUpResult } from './up-report';

export interface UpOptions {
  /** Where the compose file lives, recorded in the containers' labels as Compose does. */
  origin: Omit<ProjectOrigin, 'name'>;
  /** Ends the wait with outcome `timed-out`, naming who waited on whom. */
  timeoutMs?: number;
  /** Ends the wait with outcome `interrupted` (Ctrl-C in the CLI, Cancel in the app). */
  signal?: AbortSignal;
  onEvent?: (event: StackEvent) => void;
  /** Remove containers of services the compose file no longer has; otherwise they are only reported. */
  removeOrphans?: boolean;
}

/**
 * `parity up`: brings the compose project to "every service ready" through the Engine API, in dependency
 * order and as fast as the healthchecks allow, and says exactly why when it cannot. Never throws for a
 * service that fails, times out or is interrupted: that is the result's outcome. It throws (ParityError or
 * the engine's error) only when the engine itself cannot be used.
 */
export async function upStack(
  engine: DockerEngine,
  model: ComposeModel,
  options: UpOptions,
): Promise<UpResult> {
  const began = Date.now();
  const run = new StackRun(engine, model, {
    origin: { name: model.name, ...options.origin },
    onEvent: options.onEvent ?? (() => {}),
    removeOrphans: options.removeOrphans ?? false,
  });
  const feed = await ProjectEventFeed.open(engine, model.name, (error) =>
    run.stop('failed', {
      service: '',
      reason: 'engine-error',
      message: `Lost the engine's event stream (${error.message}); the stack may still be starting.`,
      exitCode: null,
      lastProbes: [],
      lastLogs: [],
    }),
  );
  const interrupt = (): void => run.stop('interrupted');
  if (options.signal?.aborted) interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => run.stop('timed-out'), options.timeoutMs);
  try {
    const halt = await run.run(feed);
    const result = await buildUpResult(engine, {
      project: model.name,
      outcome: halt.outcome,
      failure: halt.failure,
      trackers: [...run.trackers.values()],
      orphans: run.orphans,
      elapsedMs: Date.now() - began,
      timeoutMs: options.timeoutMs,
    });
    return { ...result, finding: await failureFinding(engine, model, result) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', interrupt);
    feed.close();
  }
}

import type { RollbackOutcome } from '../../shared/reset-schema';
import { rollback, type RollbackStep } from '../core/baseline/rollback';
import type { BaselineStore } from '../core/baseline/baseline-store';
import type { RollbackJournal } from '../core/baseline/rollback-journal';
import { KEEP_BASELINES } from '../core/baseline/workspace-baselines';
import type { DockerEngine } from '../core/engine/docker-engine';
import { ParityError } from '../core/parity-error';
import { composeStackControl } from '../core/stack/compose-stack-control';
import type { WorkspaceContext } from '../core/workspace/workspace-context';
import { runLocalCheck } from './check-run';

export interface RollbackRunOptions {
  workspace: WorkspaceContext;
  engine: DockerEngine;
  /** The engine's address, for the check after the reset (default: DOCKER_HOST). */
  engineSocket?: string | undefined;
  baselines: { store: BaselineStore; journal: RollbackJournal };
  to?: string | undefined;
  service?: string | undefined;
  force: boolean;
  /** Return to the newest before-reset baseline. */
  undo: boolean;
  signal: AbortSignal;
  timeoutMs?: number | undefined;
  /** Each rollback step, then the check (step `check`) as it runs and ends. */
  onStep: (step: RollbackStep) => void;
}

/**
 * A rollback as `parity rollback` and the app's Reset screen run it: the target chosen (an id, the last
 * known-good, or with undo the newest before-reset baseline), the rollback itself, the keep-N prune that
 * spares the two baselines in play, then a local check. Resolves with what changed.
 */
export async function runRollback(options: RollbackRunOptions): Promise<RollbackOutcome> {
  const { workspace, engine, baselines } = options;
  const { store, journal } = baselines;
  if (options.service !== undefined && workspace.compose.services[options.service] === undefined) {
    throw new ParityError(
      'invalid-request',
      `The compose file has no service "${options.service}".`,
      `Services: ${Object.keys(workspace.compose.services).join(', ')}.`,
    );
  }
  let to = options.to;
  if (options.undo && (await journal.read()) === undefined) {
    const before = (await store.list()).find((b) => b.kind === 'before-reset');
    if (!before)
      throw new ParityError(
        'invalid-request',
        'There is no reset to undo: no before-reset baseline exists.',
        'A reset saves one before it changes anything; undo is possible after the first reset.',
      );
    to = before.id;
  }
  const stack = composeStackControl(engine, workspace, {
    signal: options.signal,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const result = await rollback(engine, store, journal, workspace, stack, {
    ...(to === undefined ? {} : { to }),
    ...(options.service === undefined ? {} : { service: options.service }),
    force: options.force,
    signal: options.signal,
    onStep: options.onStep,
  });
  const pruned = await store.prune(KEEP_BASELINES, new Set([result.target.id, result.beforeReset]));
  const checkLabel = 'check the stack against the contract';
  options.onStep({ step: 'check', status: 'running', label: checkLabel });
  const report = await runLocalCheck(workspace.dir, options.engineSocket);
  options.onStep({
    step: 'check',
    status: report.passed ? 'done' : 'failed',
    label: checkLabel,
    detail: `score ${report.score.toFixed(2)}`,
  });
  return {
    target: result.target.id,
    targetName: result.target.name,
    service: options.service ?? null,
    beforeReset: result.beforeReset,
    restoredFiles: result.restoredFiles,
    restoredVolumes: result.restoredVolumes,
    pruned,
    check: { passed: report.passed, score: report.score },
  };
}

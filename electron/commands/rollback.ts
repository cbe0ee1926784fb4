import { EXIT } from '../cli-exit-codes';
import { rollback, RollbackInterrupted, type RollbackStep } from '../core/baseline/rollback';
import { KEEP_BASELINES, workspaceBaselines } from '../core/baseline/workspace-baselines';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { ParityError } from '../core/parity-error';
import { composeStackControl } from '../core/stack/compose-stack-control';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseCommonOptions, type CommonOptions } from './cli-options';
import { runCheck } from './check-run';

export interface RollbackCliOptions extends CommonOptions {
  to: string | undefined;
  service: string | undefined;
  force: boolean;
  undo: boolean;
  timeoutSeconds: number | undefined;
}

export function parseRollbackOptions(args: readonly string[]): RollbackCliOptions {
  const rest: string[] = [];
  const options = {
    to: undefined,
    service: undefined,
    force: false,
    undo: false,
    timeoutSeconds: undefined,
  } as Omit<RollbackCliOptions, keyof CommonOptions>;
  const valueOf = (i: number, flag: string): [string, number] => {
    const arg = args[i] ?? '';
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
    if (value === undefined || value === '' || value.startsWith('--'))
      throw new ParityError(
        'invalid-request',
        `${flag} needs a value.`,
        'Run parity --help for the options.',
      );
    return [value, arg.includes('=') ? i : i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const flag = arg.split('=')[0] ?? '';
    if (flag === '--to' || flag === '--service' || flag === '--timeout') {
      const [value, next] = valueOf(i, flag);
      i = next;
      if (flag === '--to') options.to = value;
      else if (flag === '--service') options.service = value;
      else {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0)
          throw new ParityError('invalid-request', '--timeout needs a number of seconds: --timeout 120.');
        options.timeoutSeconds = seconds;
      }
    } else if (arg === '--force') options.force = true;
    else if (arg === '--undo') options.undo = true;
    else rest.push(arg);
  }
  if (options.undo && options.to !== undefined)
    throw new ParityError(
      'invalid-request',
      '--undo and --to exclude each other: --undo returns to the before-reset state.',
    );
  return { ...parseCommonOptions(rest), ...options };
}

/**
 * `parity rollback [--to ID] [--service S] [--force] [--undo] [--timeout S]`: back to a baseline without
 * losing data (the current volumes are saved first), then a check. Steps are printed as they go, or with
 * --json as JSON lines on stderr and the result as one object on stdout. Exit 0 done and the check passed,
 * 1 the check failed, 2 bad input (uncommitted contract files, unknown baseline or service), 3 engine
 * failure, 4 interrupted (run it again to finish).
 */
export async function rollbackCommand(options: RollbackCliOptions): Promise<number> {
  const workspace = await openWorkspaceContext(options.workspace);
  if (options.service !== undefined && workspace.compose.services[options.service] === undefined) {
    throw new ParityError(
      'invalid-request',
      `--service ${options.service}: the compose file has no such service.`,
      `Services: ${Object.keys(workspace.compose.services).join(', ')}.`,
    );
  }
  const engine = await DockerEngine.connect(resolveEngineSocket({}));
  const { store, journal } = workspaceBaselines(workspace.dir);
  const pending = await journal.read();
  let to = options.to;
  if (options.undo && pending === undefined) {
    const before = (await store.list()).find((b) => b.kind === 'before-reset');
    if (!before)
      throw new ParityError('invalid-request', 'There is no reset to undo: no before-reset baseline exists.');
    to = before.id;
  }
  const say = (line: string): void => {
    if (!options.json && !options.quiet) process.stdout.write(`${line}\n`);
  };
  if (pending !== undefined) say(`finishing the interrupted rollback to ${pending.target} first`);

  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  const onStep = (step: RollbackStep): void => {
    if (options.json) process.stderr.write(`${JSON.stringify(step)}\n`);
    else if (!options.quiet || step.status === 'failed') say(stepLine(step));
  };
  const stack = composeStackControl(engine, workspace, {
    signal: interrupt.signal,
    ...(options.timeoutSeconds === undefined ? {} : { timeoutMs: options.timeoutSeconds * 1000 }),
  });
  let result;
  try {
    result = await rollback(engine, store, journal, workspace, stack, {
      ...(to === undefined ? {} : { to }),
      ...(options.service === undefined ? {} : { service: options.service }),
      force: options.force,
      signal: interrupt.signal,
      onStep,
    });
  } catch (error) {
    if (error instanceof RollbackInterrupted || interrupt.signal.aborted) {
      process.stderr.write(
        'parity: the rollback was interrupted; run the same command again to finish it.\n',
      );
      return EXIT.interrupted;
    }
    throw error;
  }
  const pruned = await store.prune(KEEP_BASELINES, new Set([result.target.id, result.beforeReset]));
  const check = await runCheck({
    workspace: workspace.dir,
    staging: false,
    threshold: undefined,
    identity: undefined,
    trustHost: undefined,
  });
  const summary = {
    target: result.target.id,
    targetName: result.target.name,
    service: options.service ?? null,
    beforeReset: result.beforeReset,
    restoredFiles: result.restoredFiles,
    restoredVolumes: result.restoredVolumes,
    pruned,
    check: { passed: check.report.passed, score: check.report.score },
  };
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    say(
      `rolled back to ${result.target.id} "${result.target.name}"${options.service ? ` (service ${options.service} only)` : ''}`,
    );
    say(
      `  files restored: ${result.restoredFiles.length === 0 ? 'none changed' : result.restoredFiles.join(', ')}`,
    );
    say(`  volumes restored: ${result.restoredVolumes.join(', ') || 'none'}`);
    say(`  the state before: baseline ${result.beforeReset} (undo with: npx parity rollback --undo)`);
    if (pruned.length > 0) say(`  pruned ${pruned.length} older baseline(s), keeping ${KEEP_BASELINES}`);
    process.stdout.write(
      `check: ${check.report.passed ? 'passed' : 'FAILED'}, score ${check.report.score.toFixed(2)}${check.report.passed ? '' : ' (details: npx parity check)'}\n`,
    );
  }
  return check.report.passed ? EXIT.ok : EXIT.checkFailed;
}

function stepLine(step: RollbackStep): string {
  const mark = { running: '…', done: '✔', skipped: '↷', failed: '✖' }[step.status];
  return `${mark} ${step.label}${step.detail ? `: ${step.detail}` : ''}`;
}

import { EXIT } from '../cli-exit-codes';
import { RollbackInterrupted, type RollbackStep } from '../core/baseline/rollback';
import { KEEP_BASELINES, workspaceBaselines } from '../core/baseline/workspace-baselines';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { ParityError } from '../core/parity-error';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseCommonOptions, type CommonOptions } from './cli-options';
import { runRollback } from './rollback-run';

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
  const engine = await DockerEngine.connect(resolveEngineSocket({}));
  const baselines = workspaceBaselines(workspace.dir);
  const pending = await baselines.journal.read();
  const say = (line: string): void => {
    if (!options.json && !options.quiet) process.stdout.write(`${line}\n`);
  };
  if (pending !== undefined) say(`finishing the interrupted rollback to ${pending.target} first`);

  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  const onStep = (step: RollbackStep): void => {
    // The check's verdict is printed once, with the result below.
    if (step.step === 'check') return;
    if (options.json) process.stderr.write(`${JSON.stringify(step)}\n`);
    else if (!options.quiet || step.status === 'failed') say(stepLine(step));
  };
  let result;
  try {
    result = await runRollback({
      workspace,
      engine,
      baselines,
      to: options.to,
      service: options.service,
      force: options.force,
      undo: options.undo,
      signal: interrupt.signal,
      timeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
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
  if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    say(
      `rolled back to ${result.target} "${result.targetName}"${options.service ? ` (service ${options.service} only)` : ''}`,
    );
    say(
      `  files restored: ${result.restoredFiles.length === 0 ? 'none changed' : result.restoredFiles.join(', ')}`,
    );
    say(`  volumes restored: ${result.restoredVolumes.join(', ') || 'none'}`);
    say(`  the state before: baseline ${result.beforeReset} (undo with: npx parity rollback --undo)`);
    if (result.pruned.length > 0)
      say(`  pruned ${result.pruned.length} older baseline(s), keeping ${KEEP_BASELINES}`);
    process.stdout.write(
      `check: ${result.check.passed ? 'passed' : 'FAILED'}, score ${result.check.score.toFixed(2)}${result.check.passed ? '' : ' (details: npx parity check)'}\n`,
    );
  }
  return result.check.passed ? EXIT.ok : EXIT.checkFailed;
}

function stepLine(step: RollbackStep): string {
  const mark = { running: '…', done: '✔', skipped: '↷', failed: '✖' }[step.status];
  return `${mark} ${step.label}${step.detail ? `: ${step.detail}` : ''}`;
}

import { dirname, join } from 'node:path';
import { EXIT } from '../cli-exit-codes';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { ParityError } from '../core/parity-error';
import { formatStackEvent, formatUpResult } from '../core/stack/format-stack';
import type { StackEvent, UpResult } from '../core/stack/stack-events';
import { upStack } from '../core/stack/stack-up';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseCommonOptions, type CommonOptions } from './cli-options';
import { formatFindings } from './print-findings';

export interface UpOptions extends CommonOptions {
  timeoutSeconds: number | undefined;
  removeOrphans: boolean;
}

/** `parity up`'s own flags, then the shared ones (which refuse anything unknown). */
export function parseUpOptions(args: readonly string[]): UpOptions {
  const rest: string[] = [];
  let timeoutSeconds: number | undefined;
  let removeOrphans = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--remove-orphans') removeOrphans = true;
    else if (arg === '--timeout' || arg.startsWith('--timeout=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      const seconds = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(seconds) || seconds <= 0) {
        throw new ParityError('invalid-request', '--timeout needs a number of seconds: --timeout 120.');
      }
      timeoutSeconds = seconds;
    } else rest.push(arg);
  }
  return { ...parseCommonOptions(rest), timeoutSeconds, removeOrphans };
}

/**
 * `parity up`: starts the workspace's compose stack, health-gated, through the Engine API. One line per
 * event, or with --json the events as JSON lines on stderr and the result as one object on stdout.
 * Exit 0 all ready, 1 a service failed, 3 the engine failed, 4 timed out or interrupted (Ctrl-C).
 */
export async function upCommand(options: UpOptions): Promise<number> {
  const workspace = await openWorkspaceContext(options.workspace);
  const engine = await DockerEngine.connect(resolveEngineSocket({}));
  const composeFile = join(workspace.dir, workspace.contract.compose);
  const width = Math.max(8, ...Object.keys(workspace.compose.services).map((name) => name.length + 2));
  const print = (event: StackEvent): void => {
    if (options.json) process.stderr.write(`${JSON.stringify(event)}\n`);
    else if (!options.quiet && (event.kind !== 'pulling' || isNewPullStep(event)))
      process.stdout.write(`${formatStackEvent(event, width)}\n`);
  };
  // The first Ctrl-C lets `up` halt cleanly (nothing left created but not started); a second one kills.
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());

  const result = await upStack(engine, workspace.compose, {
    origin: { workingDir: dirname(composeFile), configFiles: [composeFile] },
    onEvent: print,
    signal: interrupt.signal,
    removeOrphans: options.removeOrphans,
    ...(options.timeoutSeconds === undefined ? {} : { timeoutMs: options.timeoutSeconds * 1000 }),
  });
  if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(formatUpResult(result));
    if (result.finding !== null) process.stdout.write(formatFindings([result.finding], { quiet: false }));
  }
  if (result.outcome === 'ready' && !options.json && !options.quiet)
    await (await import('./first-baseline-offer')).offerFirstBaseline(engine, workspace);
  return exitCodeOf(result);
}

export function exitCodeOf(result: UpResult): number {
  switch (result.outcome) {
    case 'ready':
      return EXIT.ok;
    case 'failed':
      return result.failure?.reason === 'engine-error' ? EXIT.environment : EXIT.checkFailed;
    case 'timed-out':
    case 'interrupted':
      return EXIT.interrupted;
  }
}

/** A pull reports bytes many times a second; a human log only needs each layer's change of step. */
const seenPullSteps = new Set<string>();
function isNewPullStep(event: StackEvent): boolean {
  if (event.kind !== 'pulling') return false;
  const key = `${event.image} ${event.layer} ${event.status}`;
  if (seenPullSteps.has(key)) return false;
  seenPullSteps.add(key);
  return true;
}

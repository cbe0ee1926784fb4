import { APP_VERSION } from './app-version';
import { EXIT, exitCodeFor } from './cli-exit-codes';
import { parseCommonOptions } from './commands/cli-options';
import { baselineCommand } from './commands/baseline';
import { doctorCommand } from './commands/doctor';
import { downCommand, parseDownOptions } from './commands/down';
import { seedCommand } from './commands/seed';
import { parseUpOptions, upCommand } from './commands/up';
import { parsePullOptions, pullCommand } from './commands/pull';
import { resolveEngineSocket } from './core/engine/engine-endpoint';
import { EngineConnectionLost, engineLostError, isEngineConnectionLoss } from './core/engine/engine-lost';
import { probeEngine } from './core/engine/engine-probe';
import { ParityError } from './core/parity-error';

const USAGE = `parity ${APP_VERSION} — a local environment that provably matches staging

Usage: parity <command> [options]

Commands:
  doctor            check this host and its container engine against the workspace's images
  pull              resolve every image against its registry, pull it by digest, verify it, write
                    parity.lock (--update: record what moved tags name now)
  up                start the stack health-gated, in dependency order (--timeout S, --remove-orphans)
  down              remove the stack's containers and networks; named volumes stay unless --volumes
  seed              seed the running stack's database and prove it with the dump's checksum
  baseline save     save a known-good baseline: contract files, what runs, volume archives (--name N)
  baseline list     the workspace's baselines with size and age
  rollback          back to a baseline without losing data: saves the current volumes first, restores
                    files and volumes (sha256 verified), starts health-gated, checks (--to ID,
                    --service S, --force, --undo, --timeout S); re-run an interrupted one to finish it
  snapshot          one side's evidence as JSON: --staging for staging's (--timeout S), -o FILE to write it
  check             the drift report: the local stack against parity.yml, and staging with --staging;
                    --threshold N (0..1), --report drift.json|drift.html, --identity FILE,
                    --trust-host SHA256:… (when parity.yml pins no host key), --timeout S (staging's
                    answer, default 120; exit 4 when it runs out)
  fix ID|--all      run a finding's automated fix (pull, recreate, restart, reseed, env keys from the
                    template — never overwriting a value), then check again: before → after; --staging,
                    --timeout S

Options:
  --workspace DIR   the folder with parity.yml (default: the nearest one upward from here)
  --json            the result as one JSON object on stdout
  --quiet           only what needs attention
  --help            show this help
  --version         print Parity's version

Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 environment failure, 4 timed out or interrupted.
`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT.badInput : 0;
  }
  if (command === '--version') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  if (command === 'doctor') return doctorCommand(parseCommonOptions(argv.slice(1)));
  if (command === 'pull') return pullCommand(parsePullOptions(argv.slice(1)));
  if (command === 'up') return upCommand(parseUpOptions(argv.slice(1)));
  if (command === 'down') return downCommand(parseDownOptions(argv.slice(1)));
  if (command === 'seed') return seedCommand(parseCommonOptions(argv.slice(1)));
  if (command === 'baseline') return baselineCommand(argv.slice(1));
  if (command === 'rollback')
    return (await import('./commands/rollback')).rollbackCommand(
      (await import('./commands/rollback')).parseRollbackOptions(argv.slice(1)),
    );
  // Loaded on use: they pull in ssh2, which the other commands never need.
  if (command === 'snapshot') return (await import('./commands/snapshot')).snapshotCommand(argv.slice(1));
  if (command === 'check') return (await import('./commands/check')).checkCommand(argv.slice(1));
  if (command === 'fix') return (await import('./commands/fix')).fixCommand(argv.slice(1));
  process.stderr.write(`parity: unknown command "${command}". Run parity --help for the list.\n`);
  return EXIT.badInput;
}

/** After an engine restart the stack is stopped: these commands need it running again first. */
const RERUN_AFTER_RESTART: Record<string, string> = {
  seed: 'npx parity up, then npx parity seed again (the restart stopped the stack)',
  check: 'npx parity up, then npx parity check again (the restart stopped the stack)',
};

/** An engine that went away mid-command is an environment failure with a way out, not a bug in Parity. */
function engineLost(command: string, error: unknown): ParityError | undefined {
  const rerun = RERUN_AFTER_RESTART[command] ?? `npx parity ${command} again`;
  // A ParityError already says what happened (a registry's reset connection is not the engine's); an
  // unreachable engine's hint only gains the command to run once it is back.
  if (error instanceof ParityError) {
    if (error.code !== 'engine-unreachable' || error.hint?.includes('npx parity ')) return undefined;
    return new ParityError(
      error.code,
      error.message,
      `${error.hint ?? 'Start the engine.'} Then run ${rerun}.`,
    );
  }
  if (!isEngineConnectionLoss(error)) return undefined;
  let socket = 'DOCKER_HOST';
  try {
    socket = resolveEngineSocket({});
  } catch {
    // A tcp:// DOCKER_HOST: the connection that failed is still named by the variable.
  }
  return engineLostError(socket, command, error, rerun);
}

/** Commands that work through the engine: when they fail, the engine may be why. */
const ENGINE_COMMANDS = new Set(['pull', 'up', 'down', 'seed', 'baseline', 'rollback', 'check', 'fix']);

/**
 * A command that failed for another reason (a service "exited", an exec "failed") while the engine was
 * being stopped: a stopping engine stops the containers before it closes its socket, so the command saw
 * the symptom first. Asked afresh, an engine that no longer answers is the real cause: exit 3, and say so.
 */
async function engineGoneAfter(command: string, failure: unknown): Promise<ParityError | undefined> {
  if (!ENGINE_COMMANDS.has(command)) return undefined;
  if (failure instanceof ParityError && failure.code === 'engine-unreachable') return undefined;
  let socket: string;
  try {
    socket = resolveEngineSocket({});
  } catch {
    return undefined;
  }
  const answers = await probeEngine(socket).then(
    () => true,
    () => false,
  );
  if (answers) return undefined;
  return engineLostError(
    socket,
    command,
    new EngineConnectionLost('it stopped answering during the command'),
    RERUN_AFTER_RESTART[command],
  );
}

function fail(error: ParityError): never {
  process.stderr.write(`parity: ${error.message}\n${error.hint ? `  fix: ${error.hint}\n` : ''}`);
  process.exit(exitCodeFor(error.code));
}

const command = process.argv[2] ?? '';
main(process.argv.slice(2)).then(
  async (code) => {
    // A command may report a cut connection itself (exit 3, "lost the event stream"): name the cause too.
    if (code === EXIT.checkFailed || code === EXIT.environment || code === EXIT.internal) {
      const gone = await engineGoneAfter(command, undefined);
      if (gone) fail(gone);
    }
    process.exit(code);
  },
  async (thrown: unknown) => {
    const error =
      engineLost(command, thrown) ??
      (thrown instanceof ParityError && thrown.code !== 'engine-error'
        ? undefined
        : await engineGoneAfter(command, thrown)) ??
      thrown;
    if (error instanceof ParityError) fail(error);
    process.stderr.write(
      `parity: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(EXIT.internal);
  },
);

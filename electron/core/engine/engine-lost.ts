import { ParityError } from '../parity-error';

/**
 * The engine went away in the middle of a command (stopped, restarted, crashed): not a bug in Parity and
 * not bad input, but an environment failure with a clear way out: start the engine, run the command again
 * (every command is safe to run again: pull resumes, up reuses what exists, rollback follows its journal).
 */

/** Thrown where the engine ends a stream it owes us more of (a pull, an archive) without an error of its own. */
export class EngineConnectionLost extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(what, options);
    this.name = 'EngineConnectionLost';
  }
}

/** Errnos of a unix-socket connection that was refused, never made, or cut. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOENT']);
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** True when `error` (or one of its causes) says the connection to the engine was refused or cut. */
export function isEngineConnectionLoss(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof EngineConnectionLost) return true;
    const { code, syscall } = current as NodeJS.ErrnoException;
    // ENOENT is only the engine's socket when it comes from connect(), never from a file we read.
    if (code !== undefined && CONNECT_CODES.has(code) && syscall === 'connect') return true;
    if (code !== undefined && CUT_CODES.has(code)) return true;
    if (current.message === 'socket hang up' || current.message === 'aborted') return true;
    current = current.cause;
  }
  return false;
}

function why(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const { code } = current as NodeJS.ErrnoException;
    if (code === 'ENOENT') return 'its socket is gone';
    if (code === 'ECONNREFUSED') return 'nothing listens on its socket any more';
    if (code !== undefined && CUT_CODES.has(code)) return `the connection was cut (${code})`;
    if (current instanceof EngineConnectionLost) return current.message;
    current = current.cause;
  }
  return 'the connection was lost';
}

/**
 * The sentence for a lost engine: what happened, and what finishes the job once it is back. `command` is
 * the one that was running (`pull`); `rerun` what to run afterwards (default: the same command again).
 */
export function engineLostError(
  socket: string,
  command: string,
  error: unknown,
  rerun = `npx parity ${command} again`,
): ParityError {
  return new ParityError(
    'engine-unreachable',
    `The engine at ${socket} stopped answering while parity ${command} ran (${why(error)}); ${command} did not finish.`,
    `Start the engine again (the lab: npm run lab:up; a system engine: sudo systemctl start docker), then run ${rerun}.`,
    { cause: error },
  );
}

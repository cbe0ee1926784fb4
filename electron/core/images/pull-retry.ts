import { isEngineConnectionLoss } from '../engine/engine-lost';
import { ParityError } from '../parity-error';

/**
 * How `parity pull` rides out a registry that stops answering mid-pull: a few more attempts with a growing
 * pause (1 s, 2 s, 4 s), each shown in the progress, then the engine's own words. Bounded, so a registry that
 * is really gone costs seconds, not minutes; layers the engine already holds are kept for the next try.
 */
export interface PullRetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The pause before the second attempt; doubled before each one after. */
  firstDelayMs: number;
}

export const DEFAULT_PULL_RETRY: PullRetryPolicy = { attempts: 4, firstDelayMs: 1_000 };

/**
 * The engine's words for a registry it could not reach or that cut the download; worth another try. A
 * refusal (unknown manifest, denied, unauthorized) is not: it would only be refused again.
 */
const TRANSIENT =
  /connection refused|connection reset|broken pipe|unexpected EOF|\bEOF\b|i\/o timeout|timeout exceeded|TLS handshake timeout|context deadline exceeded|no route to host|50[234] |Service Unavailable|Bad Gateway|Gateway Time-?out|server misbehaving/i;

export function isTransientPullFailure(error: unknown): boolean {
  if (isEngineConnectionLoss(error) || !(error instanceof Error)) return false;
  // The engine's words come in a stream error (a ParityError) or, when it cannot even start the pull, in
  // its HTTP 500 answer (dockerode's error).
  return (!(error instanceof ParityError) || error.code === 'engine-error') && TRANSIENT.test(error.message);
}

/** The engine's own sentence, without dockerode's "(HTTP code 500) server error - " in front. */
function engineWords(error: Error): string {
  return error.message.replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim();
}

export interface PullRetry {
  /** The attempt about to start (2 for the first retry). */
  attempt: number;
  attempts: number;
  delayMs: number;
  error: unknown;
}

/**
 * Runs `pull` until it succeeds, fails for good, or the attempts run out; `onRetry` hears of each pause.
 * The last failure is thrown, saying how many attempts it took.
 */
export async function withPullRetry(
  pull: () => Promise<void>,
  policy: PullRetryPolicy,
  onRetry: (retry: PullRetry) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pull();
      return;
    } catch (error) {
      if (attempt >= policy.attempts || !isTransientPullFailure(error)) {
        if (attempt > 1 && error instanceof Error)
          throw new ParityError('engine-error', `${engineWords(error)} (after ${attempt} attempts)`);
        throw error;
      }
      const delayMs = policy.firstDelayMs * 2 ** (attempt - 1);
      onRetry({ attempt: attempt + 1, attempts: policy.attempts, delayMs, error });
      await pause(delayMs, signal);
    }
  }
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted (Ctrl-C). */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

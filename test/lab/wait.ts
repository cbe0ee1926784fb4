import { existsSync, readFileSync } from 'node:fs';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Log file to quote when giving up. */
  log?: string;
  /** Stops waiting early: a dead daemon will never answer. */
  stillRunning?: () => boolean;
}

export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (options.stillRunning && !options.stillRunning())
      throw new Error(`${what}: the process exited${logHint(options.log)}`);
    if (Date.now() >= deadline)
      throw new Error(`${what}: no answer after ${options.timeoutMs / 1000}s${logHint(options.log)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export function logHint(log: string | undefined): string {
  if (log === undefined) return '';
  const tail = existsSync(log)
    ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-8).join('\n  ')
    : '(no log yet)';
  return `; see ${log}:\n  ${tail}`;
}

import type { ErrorCode } from '../shared/api-error';

/**
 * Exit codes, the same for every command: 0 ok; 1 a check failed or drift is over the threshold; 2 bad
 * input (usage, an invalid parity.yml or compose file); 3 the environment failed (engine, registry, SSH,
 * host key); 4 timed out or interrupted; 70 a bug in Parity.
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  badInput: 2,
  environment: 3,
  interrupted: 4,
  internal: 70,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid-request':
    case 'unknown-method':
    case 'workspace-missing':
      return EXIT.badInput;
    case 'engine-unreachable':
    case 'engine-error':
    case 'host-key-mismatch':
    case 'ssh-failed':
      return EXIT.environment;
    // Waited as long as allowed (e.g. a remote command that never finished): not the environment refusing.
    case 'timed-out':
      return EXIT.interrupted;
    case 'forbidden-sender':
    case 'internal':
      return EXIT.internal;
  }
}

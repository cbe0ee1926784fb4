/**
 * Errors cross the contract as data, never as thrown exceptions: a stable code the UI can switch on,
 * a sentence for a human, and what to do about it.
 */
export const errorCodes = [
  'invalid-request',
  'unknown-method',
  'forbidden-sender',
  'engine-unreachable',
  'engine-error',
  'workspace-missing',
  'host-key-mismatch',
  'ssh-failed',
  'timed-out',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
}

/** What a call returns over any transport (IPC or the browser-mode WebSocket). */
export type Envelope<T> = { result: T } | { error: ApiErrorData };

/** The error a client throws when the other side answered with {error}. */
export class ParityApiError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ParityApiError';
    this.code = data.code;
    this.hint = data.hint;
  }
}

import type { ApiErrorData, ErrorCode } from '../../shared/api-error';

/**
 * The one error type the engine room throws on purpose: what happened, in words a new hire understands,
 * and the command or step that fixes it. Anything else reaching the edge is a bug and is reported as such.
 */
export class ParityError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParityError';
    this.code = code;
    this.hint = hint;
  }

  toData(): ApiErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

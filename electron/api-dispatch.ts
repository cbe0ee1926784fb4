import type { z } from 'zod';
import { contract, type RequestOf, type ResponseOf } from '../shared/contract';
import type { Envelope } from '../shared/api-error';
import { isMethodName, type MethodName } from '../shared/method-names';
import { ParityError } from './core/parity-error';

/** The services behind the contract: one async function per method, typed by the contract. */
export type Handlers = {
  [M in MethodName]: (request: RequestOf<M>) => Promise<ResponseOf<M>>;
};

/**
 * The trust boundary, shared by Electron IPC and the browser-mode WebSocket: the method must be in the
 * contract and the request must parse against its schema before any service sees it. Whatever happens,
 * the caller gets an envelope, never an exception, and never a stack trace.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  request: unknown,
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method;
    return { error: { code: 'unknown-method', message: `There is no API method "${shown}".` } };
  }
  const parsed = contract[method].request.safeParse(request);
  if (!parsed.success) {
    return { error: { code: 'invalid-request', message: describeIssues(method, parsed.error) } };
  }
  try {
    const handler = handlers[method] as (request: unknown) => Promise<unknown>;
    return { result: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ParityError) return { error: error.toData() };
    const message = error instanceof Error ? error.message : String(error);
    return {
      error: {
        code: 'internal',
        message: `${method} failed unexpectedly: ${message}`,
        hint: 'This is a bug in Parity; the log has the details.',
      },
    };
  }
}

function describeIssues(method: MethodName, error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(request)'}: ${issue.message}`);
  return `Invalid request for ${method}: ${issues.join('; ')}`;
}

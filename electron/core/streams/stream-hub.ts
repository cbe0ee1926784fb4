import { randomUUID } from 'node:crypto';
import type { ApiErrorData } from '../../../shared/api-error';
import { ParityError } from '../parity-error';
import type { EventBus } from './event-bus';
import { OutputBatcher } from './output-batcher';

/** What a producer writes to; `signal` aborts when the page cancels the stream. */
export interface StreamOutput {
  write(chunk: Buffer | string): void;
  signal: AbortSignal;
}

/**
 * Streams as sessions (logs, pulls, remediation output): each has an id, batched `stream:data` events, one
 * `stream:end`, and can be cancelled. A producer that fails ends its stream with the error as data, never
 * an exception that reaches the transport.
 */
export class StreamHub {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly bus: EventBus) {}

  start(produce: (output: StreamOutput) => Promise<unknown>): { streamId: string } {
    const streamId = randomUUID();
    const controller = new AbortController();
    const batcher = new OutputBatcher((data) => this.bus.emit('stream:data', { streamId, data }));
    this.running.set(streamId, controller);
    const finish = (outcome: { result: unknown } | { error: unknown }): void => {
      this.running.delete(streamId);
      batcher.end();
      if ('error' in outcome && !controller.signal.aborted) {
        this.bus.emit('stream:end', { streamId, error: toErrorData(outcome.error) });
      } else if ('result' in outcome && outcome.result !== undefined) {
        this.bus.emit('stream:end', { streamId, result: outcome.result });
      } else {
        this.bus.emit('stream:end', { streamId });
      }
    };
    // Start on the next turn, so the caller's answer (the stream id) goes out before any of the stream's events.
    setImmediate(() => {
      produce({ write: (chunk) => batcher.write(chunk), signal: controller.signal }).then(
        (result) => finish({ result }),
        (error: unknown) => finish({ error }),
      );
    });
    return { streamId };
  }

  cancel(streamId: string): boolean {
    const controller = this.running.get(streamId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Ends every stream, e.g. when the window closes. */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof ParityError) return error.toData();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

import type { ApiErrorData } from './api-error';

/**
 * Events the main side pushes to the page. Long work is a stream session: a method answers at once with a
 * stream id, then `stream:data` carries its output (batched, never a split UTF-8 character) and exactly one
 * `stream:end` closes it, with the error when it failed.
 */
export interface EventPayloads {
  'stream:data': { streamId: string; data: string };
  /** `result` carries what the work produced (a checksum, a report) when it succeeded. */
  'stream:end': { streamId: string; error?: ApiErrorData; result?: unknown };
}

export type EventName = keyof EventPayloads;

export const eventNames: readonly EventName[] = ['stream:data', 'stream:end'];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (eventNames as readonly string[]).includes(value);
}

export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;

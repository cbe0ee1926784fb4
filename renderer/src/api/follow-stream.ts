import type { ParityApi } from '../../../shared/api-client';
import { ParityApiError, type ApiErrorData } from '../../../shared/api-error';

export interface StreamHandlers {
  onData: (data: string) => void;
  onEnd: (error?: ApiErrorData, result?: unknown) => void;
}

/**
 * Starts a stream session and routes its events. The subscription is made before the session starts and
 * events are held until its id is known, so the first batch can never slip past. Returns a function that
 * stops listening and cancels the session.
 */
export function followStream(
  api: ParityApi,
  start: () => Promise<{ streamId: string }>,
  handlers: StreamHandlers,
): () => void {
  let streamId: string | undefined;
  let stopped = false;
  let ended = false;
  const held: Array<() => void> = [];
  const route = (id: string, deliver: () => void): void => {
    if (streamId === undefined) held.push(() => id === streamId && deliver());
    else if (id === streamId) deliver();
  };
  const offData = api.on('stream:data', (p) => route(p.streamId, () => handlers.onData(p.data)));
  const offEnd = api.on('stream:end', (p) =>
    route(p.streamId, () => {
      ended = true;
      handlers.onEnd(p.error, p.result);
    }),
  );
  start().then(
    (started) => {
      if (stopped) {
        void api.stream.cancel({ streamId: started.streamId });
        return;
      }
      streamId = started.streamId;
      for (const deliver of held.splice(0)) deliver();
    },
    (error: unknown) => {
      ended = true;
      // A refused start keeps its code and hint (e.g. "a reset is already running": wait or cancel).
      handlers.onEnd(
        error instanceof ParityApiError
          ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
          : { code: 'internal', message: error instanceof Error ? error.message : String(error) },
      );
    },
  );
  return () => {
    stopped = true;
    offData();
    offEnd();
    if (streamId !== undefined && !ended) void api.stream.cancel({ streamId });
  };
}

import { ParityApiError, type Envelope } from './api-error';
import type { EventListener, EventName, EventPayloads } from './events';
import { methodNames, type MethodName } from './method-names';
import type { RequestOf, ResponseOf } from './contract';

/** How a client reaches the main side: Electron IPC in the app, a WebSocket in browser mode. */
export interface Transport {
  call(method: MethodName, request: unknown): Promise<Envelope<unknown>>;
  /** Delivers every event the main side pushes; returns the function that stops delivery. */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

type ServiceOf<M extends string> = M extends `${infer S}:${string}` ? S : never;
type MethodsOf<S extends string> = Extract<MethodName, `${S}:${string}`>;
type ShortName<M extends string> = M extends `${string}:${infer N}` ? N : never;

/** `window.parity`: one object, one namespace per service, one async function per method, and `on`. */
export type ParityApi = {
  [S in ServiceOf<MethodName>]: {
    [M in MethodsOf<S> as ShortName<M>]: (
      ...args: undefined extends RequestOf<M> ? [request?: RequestOf<M>] : [request: RequestOf<M>]
    ) => Promise<ResponseOf<M>>;
  };
} & {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
};

/**
 * Builds the API object from the method list; an {error} answer becomes a thrown ParityApiError. The
 * object is assembled key by key from the same list the types come from, hence the one cast at the end.
 */
export function buildApi(transport: Transport): ParityApi {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    const [service, name] = method.split(':') as [string, string];
    const namespace = (api[service] ??= {}) as Record<string, (request?: unknown) => Promise<unknown>>;
    namespace[name] = async (request?: unknown): Promise<unknown> => {
      const envelope = await transport.call(method, request ?? {});
      if ('error' in envelope) throw new ParityApiError(envelope.error);
      return envelope.result;
    };
  }
  api['on'] = <E extends EventName>(event: E, listener: EventListener<E>): (() => void) =>
    transport.subscribe((name, payload) => {
      if (name === event) listener(payload as EventPayloads[E]);
    });
  return api as ParityApi;
}

import { ParityApiError, type Envelope } from './api-error';
import { methodNames, type MethodName } from './method-names';
import type { RequestOf, ResponseOf } from './contract';

/** How a client reaches the main side: Electron IPC in the app, a WebSocket in browser mode. */
export type Transport = (method: MethodName, request: unknown) => Promise<Envelope<unknown>>;

type ServiceOf<M extends string> = M extends `${infer S}:${string}` ? S : never;
type MethodsOf<S extends string> = Extract<MethodName, `${S}:${string}`>;
type ShortName<M extends string> = M extends `${string}:${infer N}` ? N : never;

/** `window.parity`: one object, one namespace per service, one async function per method. */
export type ParityApi = {
  [S in ServiceOf<MethodName>]: {
    [M in MethodsOf<S> as ShortName<M>]: (
      ...args: undefined extends RequestOf<M> ? [request?: RequestOf<M>] : [request: RequestOf<M>]
    ) => Promise<ResponseOf<M>>;
  };
};

/** Builds the API object from the method list; an {error} answer becomes a thrown ParityApiError. */
export function buildApi(transport: Transport): ParityApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const method of methodNames) {
    const [service, name] = method.split(':') as [string, string];
    const namespace = (api[service] ??= {});
    namespace[name] = async (request?: unknown): Promise<unknown> => {
      const envelope = await transport(method, request ?? {});
      if ('error' in envelope) throw new ParityApiError(envelope.error);
      return envelope.result;
    };
  }
  return api as unknown as ParityApi;
}

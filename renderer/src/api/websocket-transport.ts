import type { Envelope } from '../../../shared/api-error';
import type { Transport } from '../../../shared/api-client';
import { isEventName, type EventName } from '../../../shared/events';

interface Pending {
  resolve: (envelope: Envelope<unknown>) => void;
}

/**
 * Browser mode's transport: the same contract as Electron IPC, over a WebSocket to the local host that
 * served this page. The token came in the page's URL; the host refuses connections without it.
 */
export function createWebSocketTransport(url: string): Transport {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  let socket: Promise<WebSocket> | undefined;

  const failAll = (message: string): void => {
    for (const [id, entry] of pending) {
      pending.delete(id);
      entry.resolve({
        error: { code: 'internal', message, hint: 'Reload the page; if it persists, restart npm start.' },
      });
    }
    socket = undefined;
  };

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('error', () => reject(new Error('The Parity host refused the connection.')));
      ws.addEventListener('close', () => failAll('The connection to the Parity host closed.'));
      ws.addEventListener('message', (event: MessageEvent<string>) => {
        const message = JSON.parse(event.data) as
          ({ id: number | null } & Envelope<unknown>) | { event: unknown; payload: unknown };
        if ('event' in message) {
          if (isEventName(message.event))
            for (const listener of listeners) listener(message.event, message.payload);
          return;
        }
        if (message.id === null) return;
        const entry = pending.get(message.id);
        if (!entry) return;
        pending.delete(message.id);
        entry.resolve('error' in message ? { error: message.error } : { result: message.result });
      });
    });

  const call: Transport['call'] = async (method, request) => {
    try {
      socket ??= connect();
      const ws = await socket;
      const id = nextId++;
      const answer = new Promise<Envelope<unknown>>((resolve) => pending.set(id, { resolve }));
      ws.send(JSON.stringify({ id, method, request }));
      return await answer;
    } catch (error) {
      socket = undefined;
      return {
        error: {
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
          hint: 'Open the URL that npm start printed (it carries the access token).',
        },
      };
    }
  };

  return {
    call,
    subscribe: (listener) => {
      listeners.add(listener);
      // Events only flow over an open socket: subscribing opens it if no call has yet.
      socket ??= connect();
      void socket.catch(() => (socket = undefined));
      return () => listeners.delete(listener);
    },
  };
}

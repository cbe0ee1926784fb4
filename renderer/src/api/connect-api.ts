import { buildApi, type ParityApi } from '../../../shared/api-client';
import { createWebSocketTransport } from './websocket-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    parity?: ParityApi;
  }
}

/** Inside Electron the preload gave us `window.parity`; in a browser we build the same API over a WebSocket. */
export function connectApi(location: Location = window.location): ParityApi {
  if (window.parity) return window.parity;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return buildApi(
    createWebSocketTransport(`${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`),
  );
}

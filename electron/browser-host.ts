import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type Handlers } from './api-dispatch';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import type { Services } from './services';

/** A request bigger than this is refused by the socket itself before any parsing. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BrowserHost {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the real UI served on 127.0.0.1 with the same contract over a WebSocket. Anyone on this
 * machine can reach a loopback port, so every API connection must carry the random token and come from
 * our own origin; everything else is refused before a single message is read.
 */
export async function startBrowserHost(options: {
  services: Pick<Services, 'handlers' | 'bus' | 'streams'>;
  rendererDir: string;
  port?: number;
}): Promise<BrowserHost> {
  const { handlers, bus, streams } = options.services;
  const token = randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    serveStatic(options.rendererDir, req, res).catch(() => {
      res.writeHead(500).end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuse(req, token, origin);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      serveApi(ws, handlers);
      const unsubscribe = bus.subscribe((event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      });
      ws.once('close', () => {
        unsubscribe();
        // A closed page cannot cancel its streams any more: when the last page goes, they all stop.
        if (sockets.clients.size === 0) streams.cancelAll();
      });
    });
  });

  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function refuse(req: IncomingMessage, token: string, origin: string): string | undefined {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname !== '/api') return '404 Not Found';
  if (req.headers.origin !== origin) return '403 Forbidden';
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return '401 Unauthorized';
  return undefined;
}

interface WireRequest {
  id: number;
  method: unknown;
  request: unknown;
}

function serveApi(ws: WebSocket, handlers: Handlers): void {
  // A protocol fault from the client (a frame over MAX_MESSAGE_BYTES, a bad opcode) makes ws close that
  // socket with the matching code (1009, 1002) and emit 'error'; without a listener the error would be
  // uncaught and take the whole host down with it.
  ws.on('error', () => undefined);
  ws.on('message', (data, isBinary) => {
    let message: WireRequest;
    try {
      if (isBinary) throw new Error('binary');
      const parsed: unknown = JSON.parse(data.toString());
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as WireRequest).id !== 'number') {
        throw new Error('shape');
      }
      message = parsed as WireRequest;
    } catch {
      ws.send(
        JSON.stringify({
          id: null,
          error: {
            code: 'invalid-request',
            message: 'A message must be JSON: {"id": number, "method", "request"}.',
          },
        }),
      );
      return;
    }
    void dispatch(handlers, message.method, message.request).then((envelope) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, ...envelope }));
    });
  });
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  const relative = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^[/\\]+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(403).end();
    return;
  }
  const body = await readFile(file).catch(() => undefined);
  if (body === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

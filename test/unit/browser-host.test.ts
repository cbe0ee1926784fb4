import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Handlers } from '../../electron/api-dispatch';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { EventBus } from '../../electron/core/streams/event-bus';
import { StreamHub } from '../../electron/core/streams/stream-hub';

const notUsed = async (): Promise<never> => {
  throw new Error('not used here');
};
const bus = new EventBus();
const streams = new StreamHub(bus);
const handlers: Handlers = {
  'app:info': async () => ({ version: '0.0.1', mode: 'browser', workspace: { name: 'demo', path: '/w' } }),
  'engine:version': notUsed,
  'containers:list': notUsed,
  // A real stream session through the real hub: two writes, then the end.
  'logs:follow': async ({ container }) =>
    streams.start(async (output) => {
      output.write(Buffer.from(`hello ${container} `));
      output.write(Buffer.from('✓'));
    }),
  'stream:cancel': async ({ streamId }) => ({ cancelled: streams.cancel(streamId) }),
  'exec:open': notUsed,
  'exec:input': notUsed,
  'exec:resize': notUsed,
  'host:doctor': notUsed,
  'seed:run': notUsed,
  'workspace:open': notUsed,
  'workspace:recent': notUsed,
  'images:pull': notUsed,
  'stack:up': notUsed,
  'drift:check': notUsed,
  'drift:last': notUsed,
  'drift:digests': notUsed,
  'remediation:apply': notUsed,
  'staging:hostKey': notUsed,
  'staging:trustHost': notUsed,
  'wizard:state': notUsed,
  'wizard:save': notUsed,
  'settings:get': notUsed,
  'settings:save': notUsed,
  // Baselines and reset.
  'baseline:list': notUsed,
  'baseline:save': notUsed,
  'rollback:run': notUsed,
  'rollback:undo': notUsed,
};

let host: BrowserHost;

beforeAll(async () => {
  host = await startBrowserHost({
    services: { handlers, bus, streams },
    rendererDir: resolve('test/fixtures/renderer'),
  });
});
afterAll(async () => {
  await host.close();
});

/** Opens the API socket and resolves with the first message, or rejects with the HTTP refusal. */
function call(options: { token?: string; origin?: string; send: string }): Promise<unknown> {
  const origin = options.origin ?? `http://127.0.0.1:${host.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${options.token ?? host.token}`, {
    origin,
  });
  return new Promise((resolvePromise, reject) => {
    ws.on('open', () => ws.send(options.send));
    ws.on('message', (data) => {
      resolvePromise(JSON.parse(data.toString()));
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('browser mode host', () => {
  it('listens on loopback only and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers contract calls from its own page with the token', async () => {
    const answer = await call({ send: JSON.stringify({ id: 7, method: 'app:info', request: {} }) });
    expect(answer).toEqual({
      id: 7,
      result: { version: '0.0.1', mode: 'browser', workspace: { name: 'demo', path: '/w' } },
    });
  });

  it('refuses a wrong token and a foreign origin before reading any message', async () => {
    const send = JSON.stringify({ id: 1, method: 'app:info', request: {} });
    await expect(call({ token: 'x'.repeat(host.token.length), send })).rejects.toThrow('HTTP 401');
    await expect(call({ token: '', send })).rejects.toThrow('HTTP 401');
    await expect(call({ origin: 'http://evil.example', send })).rejects.toThrow('HTTP 403');
  });

  it('answers malformed and out-of-contract messages with {error} and stays up', async () => {
    expect(await call({ send: 'not json' })).toMatchObject({ id: null, error: { code: 'invalid-request' } });
    expect(
      await call({ send: JSON.stringify({ id: 2, method: 'shell:exec', request: { cmd: 'id' } }) }),
    ).toMatchObject({
      id: 2,
      error: { code: 'unknown-method' },
    });
    expect(
      await call({ send: JSON.stringify({ id: 3, method: 'app:info', request: { x: 1 } }) }),
    ).toMatchObject({
      id: 3,
      error: { code: 'invalid-request' },
    });
    const after = await call({ send: JSON.stringify({ id: 4, method: 'app:info' }) });
    expect(after).toMatchObject({ id: 4, result: { version: '0.0.1' } });
  });

  it('serves the page with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<div id="root">');
    const escape = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fpackage.json`);
    expect([403, 404]).toContain(escape.status);
    expect((await fetch(`http://127.0.0.1:${host.port}/nope.js`)).status).toBe(404);
  });

  it('answers with the stream id first, then pushes the session’s data and its end', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
      origin: `http://127.0.0.1:${host.port}`,
    });
    const messages: Array<Record<string, unknown>> = [];
    await new Promise<void>((resolveOpen, reject) => {
      ws.on('open', () => resolveOpen());
      ws.on('error', reject);
    });
    const ended = new Promise<void>((resolveEnd) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as Record<string, unknown>;
        messages.push(message);
        if (message['event'] === 'stream:end') resolveEnd();
      });
    });
    ws.send(JSON.stringify({ id: 9, method: 'logs:follow', request: { container: 'db' } }));
    await ended;
    ws.close();
    const answer = messages[0] as { id: number; result: { streamId: string } };
    expect(answer.id).toBe(9);
    const streamId = answer.result.streamId;
    const data = messages
      .filter((m) => m['event'] === 'stream:data')
      .map((m) => m['payload'] as { streamId: string; data: string });
    expect(data.every((d) => d.streamId === streamId)).toBe(true);
    expect(data.map((d) => d.data).join('')).toBe('hello db ✓');
    expect(messages.at(-1)).toEqual({ event: 'stream:end', payload: { streamId } });
  });
});

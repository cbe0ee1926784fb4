import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Handlers } from '../../electron/api-dispatch';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { EventBus } from '../../electron/core/streams/event-bus';
import { StreamHub } from '../../electron/core/streams/stream-hub';
import { methodNames } from '../../shared/method-names';
import { reliabilityTable } from './reliability-table';

/**
 * The app's contract under hostile clients: the real browser-mode host (the same dispatch as Electron IPC)
 * gets random, malformed and oversized messages on one long-lived socket. Each answer is an {error}
 * envelope, nothing reaches a service unvalidated, and the host keeps answering afterwards.
 */
const table = reliabilityTable('3-app', 'The app: the contract over the browser-mode WebSocket');
afterAll(() => table.write());

// Every service but app:info fails with a plain Error: a request that passes validation still gets {error}.
const reach = async (): Promise<never> => {
  throw new Error('a service failed');
};
const bus = new EventBus();
const streams = new StreamHub(bus);
const handlers = Object.fromEntries(methodNames.map((m) => [m, reach])) as unknown as Handlers;
handlers['app:info'] = async () => ({ version: '0.0.1', mode: 'browser', workspace: null });

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

function open(options: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${options.token ?? host.token}`, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
  });
  return new Promise((done, fail) => {
    ws.once('open', () => done(ws));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', fail);
  });
}

function ask(ws: WebSocket, text: string | Buffer): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    const onClose = (code: number): void => fail(new Error(`closed ${code}`));
    ws.once('close', onClose);
    ws.once('message', (data) => {
      ws.off('close', onClose);
      done(JSON.parse(data.toString()) as Record<string, unknown>);
    });
    ws.send(text);
  });
}

async function stillUp(): Promise<void> {
  const ws = await open();
  expect(await ask(ws, JSON.stringify({ id: 1, method: 'app:info', request: {} }))).toMatchObject({
    id: 1,
    result: { version: '0.0.1' },
  });
  ws.close();
}

describe('hostile contract clients', () => {
  it('app: 300 random messages on one socket each get an {error} envelope', async () => {
    const ws = await open();
    const method = fc.oneof(
      fc.constantFrom(...methodNames.filter((m) => m !== 'app:info')),
      fc.string(),
      fc.integer(),
    );
    const message = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({ id: fc.integer(), method, request: fc.anything() }).map((m) => JSON.stringify(m) ?? '{}'),
    );
    let answers = 0;
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const answer = await ask(ws, text);
        answers++;
        expect(answer).toHaveProperty('error.code');
        expect(typeof (answer['error'] as { message: unknown }).message).toBe('string');
        expect(JSON.stringify(answer)).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 300, seed: 8 },
    );
    ws.close();
    await stillUp();
    table.record({
      scenario: 'app: 300 random strings, JSON values and requests with random methods and bodies',
      expected:
        '{error} envelope for each (a valid request reaching a failing service too), host still answers',
      observed: `${answers} {error} answers, none with a stack trace; host answered after`,
      test: 'app: 300 random messages on one socket each get an {error} envelope',
    });
  });

  it('app: a binary frame and a 2 MiB message are refused and the host stays up', async () => {
    const ws = await open();
    const binary = await ask(ws, Buffer.from([0xff, 0x00, 0xfe]));
    expect(binary).toMatchObject({ id: null, error: { code: 'invalid-request' } });
    const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
    ws.send(JSON.stringify({ id: 5, method: 'app:info', request: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    // Over the 1 MiB limit the socket is closed with 1009 (message too big) before the message is parsed.
    const code = await closed;
    expect(code).toBe(1009);
    await stillUp();
    table.record({
      scenario: 'app: a binary frame, then a 2 MiB request',
      expected: 'binary → {error invalid-request}; oversized → socket closed 1009 unread; host stays up',
      observed: `binary → {error ${String((binary['error'] as { code: string }).code)}}; oversized → close ${code}; host answered after`,
      test: 'app: a binary frame and a 2 MiB message are refused and the host stays up',
    });
  });

  it('app: a wrong token and a foreign Origin are refused before any message', async () => {
    const wrong = await open({ token: 'x'.repeat(host.token.length) }).then(
      () => 'opened',
      (e: Error) => e.message,
    );
    const foreign = await open({ origin: 'http://evil.example' }).then(
      () => 'opened',
      (e: Error) => e.message,
    );
    expect(wrong).toBe('HTTP 401');
    expect(foreign).toBe('HTTP 403');
    await stillUp();
    table.record({
      scenario: 'app: browser-mode client with a wrong token; with a foreign Origin',
      expected: 'upgrade refused (401; 403), host stays up',
      observed: `wrong token → ${wrong}; foreign Origin → ${foreign}`,
      test: 'app: a wrong token and a foreign Origin are refused before any message',
    });
  });
});

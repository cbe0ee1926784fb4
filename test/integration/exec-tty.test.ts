import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../shared/events';
import { dispatch } from '../../electron/api-dispatch';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { createServices, type Services } from '../../electron/services';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
let engine: DockerEngine;
let services: Services;
const name = `parity-it-shell-${process.pid}`;

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.app['1.0.0']);
  services = createServices({
    version: 'test',
    mode: 'browser',
    workspace: { name: 'parity-lab', path: lab.workspace, engineSocket: lab.engine.socket },
  });
  const made = await engine.client.createContainer({
    Image: lab.images.app['1.0.0'],
    name,
    Entrypoint: ['busybox', 'sleep', '600'],
    Cmd: [],
  });
  await made.start();
});
afterAll(async () => {
  await engine.client.getContainer(name).remove({ force: true });
});

/** One stream's output so far, and a way to wait until it shows a pattern or the stream ends. */
function watch(streamId: string): {
  text: () => string;
  until: (pattern: RegExp) => Promise<string>;
  end: Promise<EventPayloads['stream:end']>;
} {
  let data = '';
  const waiters: Array<() => void> = [];
  let ended: (end: EventPayloads['stream:end']) => void = () => {};
  const end = new Promise<EventPayloads['stream:end']>((resolve) => (ended = resolve));
  const off = services.bus.subscribe((event, payload) => {
    if (payload.streamId !== streamId) return;
    if (event === 'stream:data') data += (payload as EventPayloads['stream:data']).data;
    if (event === 'stream:end') {
      off();
      ended(payload as EventPayloads['stream:end']);
    }
    for (const wake of waiters.splice(0)) wake();
  });
  const until = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(data)) resolve(data);
        else waiters.push(check);
      };
      void end.then(() =>
        pattern.test(data) ? resolve(data) : reject(new Error(`ended without ${pattern}: ${data}`)),
      );
      check();
    });
  return { text: () => data, until, end };
}

describe('a shell with a TTY in a real container (exec:open / exec:input / exec:resize)', () => {
  it('runs typed commands, follows a resize and ends when the shell exits', async () => {
    const { streamId } = await services.handlers['exec:open']({ container: name, cols: 80, rows: 24 });
    const stream = watch(streamId);
    // Typed at once, before the engine has attached the shell: held and delivered in order, never refused.
    const type = async (data: string): Promise<void> => {
      expect(await services.handlers['exec:input']({ streamId, data })).toEqual({ accepted: true });
    };
    await type('echo "sum=$((40+2))"\n');
    // The TTY echoes the typed line too; the computed value only appears in the command's output.
    await stream.until(/sum=42/);
    expect(await services.handlers['exec:resize']({ streamId, cols: 100, rows: 40 })).toEqual({
      resized: true,
    });
    await type('stty size\n');
    await stream.until(/40 100/);
    // A TTY turns \n into \r\n: the output is a terminal's, not a pipe's.
    expect(stream.text()).toContain('\r\n');
    await type('exit 3\n');
    const end = await stream.end;
    expect(end).toEqual({ streamId, result: { exitCode: 3 } });
    // Once ended, the shell is gone: further input is refused with a clear error.
    const late = await dispatch(services.handlers, 'exec:input', { streamId, data: 'ls\n' });
    expect(late).toEqual({
      error: expect.objectContaining({
        code: 'invalid-request',
        message: expect.stringContaining('no open shell'),
      }),
    });
  });

  it('refuses bad input at the contract: oversized input, absurd sizes, unsafe container names', async () => {
    const big = await dispatch(services.handlers, 'exec:input', { streamId: 'x', data: 'a'.repeat(4097) });
    expect(big).toMatchObject({
      error: { code: 'invalid-request', message: expect.stringContaining('data') },
    });
    const huge = await dispatch(services.handlers, 'exec:resize', { streamId: 'x', cols: 100_000, rows: 10 });
    expect(huge).toMatchObject({
      error: { code: 'invalid-request', message: expect.stringContaining('cols') },
    });
    const unsafe = await dispatch(services.handlers, 'exec:open', {
      container: '../etc',
      cols: 80,
      rows: 24,
    });
    expect(unsafe).toMatchObject({
      error: { code: 'invalid-request', message: expect.stringContaining('container') },
    });
  });

  it('ends with a clear error for a container that does not exist', async () => {
    const { streamId } = await services.handlers['exec:open']({
      container: `parity-missing-${process.pid}`,
      cols: 80,
      rows: 24,
    });
    const end = await watch(streamId).end;
    expect(end.error).toMatchObject({
      code: 'engine-error',
      message: expect.stringContaining('There is no container'),
    });
  });

  it('closing the session (stream:cancel) ends the shell without an error', async () => {
    const { streamId } = await services.handlers['exec:open']({ container: name, cols: 80, rows: 24 });
    const stream = watch(streamId);
    await services.handlers['exec:input']({ streamId, data: 'echo ready\n' });
    await stream.until(/ready\r?\n/);
    expect(await services.handlers['stream:cancel']({ streamId })).toEqual({ cancelled: true });
    const end = await stream.end;
    expect(end.error).toBeUndefined();
  });
});

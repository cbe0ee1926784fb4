import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '../../shared/events';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { createServices, type Services } from '../../electron/services';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
let engine: DockerEngine;
let services: Services;
const created: string[] = [];

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.app['1.0.0']);
  services = createServices({
    version: 'test',
    mode: 'browser',
    workspace: { name: 'parity-lab', path: lab.workspace, engineSocket: lab.engine.socket },
  });
});
afterAll(async () => {
  for (const id of created) await engine.client.getContainer(id).remove({ force: true });
});

async function container(name: string, script: string | null): Promise<string> {
  const made = await engine.client.createContainer({
    Image: lab.images.app['1.0.0'],
    name: `${name}-${process.pid}`,
    ...(script === null ? {} : { Entrypoint: ['busybox', 'sh', '-c', script], Cmd: [] }),
  });
  created.push(made.id);
  await made.start();
  return `${name}-${process.pid}`;
}

/** Records the bus from now on; `until` resolves with one stream's data once its end arrives. */
function collect(): {
  until: (streamId: string) => Promise<{ data: string; end: EventPayloads['stream:end'] }>;
} {
  const events: Array<[EventName, EventPayloads[EventName]]> = [];
  let onEvent = (): void => {};
  const off = services.bus.subscribe((event, payload) => {
    events.push([event, payload]);
    onEvent();
  });
  return {
    until: (streamId) =>
      new Promise((resolve) => {
        onEvent = (): void => {
          const end = events.find(([e, p]) => e === 'stream:end' && p.streamId === streamId);
          if (!end) return;
          off();
          const data = events
            .filter(([e, p]) => e === 'stream:data' && p.streamId === streamId)
            .map(([, p]) => (p as EventPayloads['stream:data']).data)
            .join('');
          resolve({ data, end: end[1] as EventPayloads['stream:end'] });
        };
        onEvent();
      }),
  };
}

describe('following a container’s logs as a stream session', () => {
  it('streams stdout and stderr of a real container, demultiplexed, to the end', async () => {
    const name = await container(
      'parity-it-logs',
      'for i in 1 2 3; do echo "line $i ✓"; done; echo "oops" >&2',
    );
    const events = collect();
    const { streamId } = await services.handlers['logs:follow']({ container: name });
    const { data, end } = await events.until(streamId);
    // stdout and stderr reach the engine through separate pipes, so only each stream's own order is defined.
    const lines = data.split('\n');
    expect(lines.filter((line) => line.startsWith('line'))).toEqual(['line 1 ✓', 'line 2 ✓', 'line 3 ✓']);
    expect(lines.filter((line) => line === 'oops')).toHaveLength(1);
    expect(data.endsWith('\n')).toBe(true);
    // No frame header leaked through: each starts with the stream type (1 or 2) and three zero bytes.
    expect(data.includes('\u0000')).toBe(false);
    expect(end).toEqual({ streamId });
  });

  it('stops following when cancelled, ending the stream without an error', async () => {
    const name = await container('parity-it-quiet', null);
    const events = collect();
    const { streamId } = await services.handlers['logs:follow']({ container: name });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await services.handlers['stream:cancel']({ streamId })).toEqual({ cancelled: true });
    const { end } = await events.until(streamId);
    expect(end).toEqual({ streamId });
  });

  it('ends with a clear error for a container that does not exist', async () => {
    const events = collect();
    const { streamId } = await services.handlers['logs:follow']({
      container: `parity-missing-${process.pid}`,
    });
    const { end } = await events.until(streamId);
    expect(end.error).toMatchObject({
      code: 'engine-error',
      message: expect.stringContaining('There is no container'),
    });
  });

  it('lists containers with their compose project and health', async () => {
    const list = await services.handlers['containers:list']({});
    expect(list.map((c) => c.name)).toContain(`parity-it-logs-${process.pid}`);
  });
});

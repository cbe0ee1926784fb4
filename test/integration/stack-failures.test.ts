import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { downStack } from '../../electron/core/stack/stack-down';
import type { StackEvent, UpResult } from '../../electron/core/stack/stack-events';
import { upStack, type UpOptions } from '../../electron/core/stack/stack-up';
import { fixtureWorkspace, type StackWorkspace } from '../fixtures/stacks/stack-workspace';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const APP_IMAGE = lab.images.app['1.0.0'];
let engine: DockerEngine;
const workspaces: StackWorkspace[] = [];

/** Each scenario is its own compose project: `parity-it-fail-<pid>-<scenario>`. */
function workspace(fixture: string, scenario: string, env: Record<string, string> = {}): StackWorkspace {
  const created = fixtureWorkspace(fixture, `parity-it-fail-${process.pid}-${scenario}`, {
    APP_IMAGE,
    ...env,
  });
  workspaces.push(created);
  return created;
}

async function up(
  stack: StackWorkspace,
  options: Omit<UpOptions, 'origin'> = {},
  env: Record<string, string> = {},
): Promise<{ result: UpResult; events: StackEvent[] }> {
  const events: StackEvent[] = [];
  const result = await upStack(engine, await stack.load(env), {
    timeoutMs: 60_000,
    ...options,
    origin: stack.origin,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return { result, events };
}

/** The project's container create/destroy events in a past window, read from the engine's event log. */
async function lifecycle(project: string, since: number): Promise<string[]> {
  const stream = (await engine.client.getEvents({
    since: Math.floor(since / 1000),
    until: Math.ceil(Date.now() / 1000) + 1,
    filters: {
      type: ['container'],
      label: [`com.docker.compose.project=${project}`],
      event: ['create', 'destroy'],
    },
  })) as Readable;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { Action: string; Actor: { Attributes: Record<string, string> } })
    .map((event) => `${event.Action} ${event.Actor.Attributes['com.docker.compose.service'] ?? ''}`);
}

async function states(project: string): Promise<Record<string, string>> {
  const found = await engine.client.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${project}`] },
  });
  return Object.fromEntries(found.map((c) => [c.Labels['com.docker.compose.service'] ?? '', c.State]));
}

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
});

afterAll(async () => {
  for (const stack of workspaces) {
    await downStack(engine, stack.project, { volumes: true });
    stack.remove();
  }
});

describe('a one-shot migration gates its dependent', () => {
  it('lets web start once migrate exited 0', async () => {
    const stack = workspace('one-shot.yml', 'oneshot-ok');
    const { result, events } = await up(stack, {}, { MIGRATE_EXIT: '0' });
    expect(result.message).toBe('');
    expect(result.outcome).toBe('ready');
    const { migrate, web } = result.services;
    expect(migrate).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(web).toMatchObject({ state: 'running', action: 'created' });
    expect(Date.parse(web?.timeline.started ?? '')).toBeGreaterThanOrEqual(
      Date.parse(migrate?.timeline.exited?.at ?? ''),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'waiting-for',
        service: 'web',
        dependency: 'migrate',
        condition: 'service_completed_successfully',
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ kind: 'exited', service: 'migrate', code: 0 }));
  });

  it('fails naming migrate, with its logs, when it exits 3, and never starts web', async () => {
    const stack = workspace('one-shot.yml', 'oneshot-fail');
    const { result } = await up(stack, {}, { MIGRATE_EXIT: '3' });
    expect(result.outcome).toBe('failed');
    expect(result.failure).toMatchObject({ service: 'migrate', reason: 'exited', exitCode: 3 });
    expect(result.failure?.lastLogs).toEqual(['migrating schema', 'step 2 of 2']);
    expect(result.message).toBe('migrate exited with code 3. Not started: web.');
    expect(result.services['web']).toMatchObject({
      action: 'not-started',
      containerId: null,
      state: 'missing',
    });
    expect(await states(stack.project)).toEqual({ migrate: 'exited' });
  });
});

describe('a service that never turns healthy', () => {
  it('ends the wait with its last probe outputs', async () => {
    const stack = workspace('never-healthy.yml', 'sick');
    const { result, events } = await up(stack);
    expect(result.outcome).toBe('failed');
    expect(result.failure).toMatchObject({ service: 'sick', reason: 'unhealthy' });
    const probes = result.failure?.lastProbes ?? [];
    expect(probes.length).toBeGreaterThanOrEqual(2);
    for (const probe of probes) expect(probe).toMatchObject({ exitCode: 1, output: 'probe-says-no' });
    expect(result.message).toMatch(
      /^sick is unhealthy: its healthcheck failed \d of the last \d probes\. Not started: app\.$/,
    );
    const unhealthy = events.find((e) => e.kind === 'unhealthy');
    expect(unhealthy).toMatchObject({ service: 'sick', lastProbes: probes });
    expect(await states(stack.project)).toEqual({ sick: 'running' });
  });
});

describe('a start the engine refuses', () => {
  it('fails naming the service and the engine’s reason, and removes the unstarted container', async () => {
    const port = await freePort();
    const stack = workspace('port-clash.yml', 'clash', { PORT: String(port) });
    const { result } = await up(stack);
    expect(result.outcome).toBe('failed');
    expect(result.failure?.reason).toBe('engine-error');
    const loser = result.failure?.service ?? '';
    expect(['one', 'two']).toContain(loser);
    expect(result.message).toMatch(
      new RegExp(`^${loser} could not be started: .*port is already allocated\\.`),
    );
    const winner = loser === 'one' ? 'two' : 'one';
    expect(await states(stack.project)).toEqual({ [winner]: 'running' });
  });
});

describe('--timeout', () => {
  it('names which service waited on which', async () => {
    const stack = workspace('slow-start.yml', 'slow');
    // Long enough for the container to be created, started and probed (every 300 ms) on a busy machine.
    const { result } = await up(stack, { timeoutMs: 6_000 });
    expect(result.outcome).toBe('timed-out');
    expect(result.pending).toEqual([
      { service: 'slow', dependency: null, condition: 'own-health' },
      { service: 'app', dependency: 'slow', condition: 'service_healthy' },
    ]);
    expect(result.message).toMatch(
      /^Timed out after 6s: slow was not healthy yet \(last probe exit 1: still warming up\); app waited on slow \(service_healthy\)\. Not started: app\.$/,
    );
    expect(result.elapsedMs).toBeGreaterThanOrEqual(6_000);
    expect(result.elapsedMs).toBeLessThan(14_000);
  });
});

describe('an interrupted up', () => {
  it('leaves no container created but not started; what started keeps running', async () => {
    const stack = workspace('chain.yml', 'abort');
    const controller = new AbortController();
    const since = Date.now();
    const { result } = await up(stack, {
      signal: controller.signal,
      // Abort while second's create request is in flight: it must be removed, not left "created".
      onEvent: (event) => {
        if (event.kind === 'creating' && event.service === 'second') controller.abort();
      },
    });
    expect(result.outcome).toBe('interrupted');
    expect(result.services['first']).toMatchObject({ state: 'running', action: 'created' });
    expect(result.services['second']).toMatchObject({ action: 'not-started', containerId: null });
    expect(await states(stack.project)).toEqual({ first: 'running' });
    const leftovers = await engine.client.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${stack.project}`], status: ['created'] },
    });
    expect(leftovers).toEqual([]);
    // The abort really came mid-create: the engine made second's container, and we removed it unstarted.
    expect(await lifecycle(stack.project, since)).toEqual([
      'create first',
      'create second',
      'destroy second',
    ]);
  });

  it('stops at once when the signal was already aborted', async () => {
    const stack = workspace('chain.yml', 'abort-early');
    const { result } = await up(stack, { signal: AbortSignal.abort() });
    expect(result.outcome).toBe('interrupted');
    expect(await states(stack.project)).toEqual({});
  });
});

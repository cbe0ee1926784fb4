import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configHash } from '../../electron/core/compose/config-hash';
import type { ComposeModel } from '../../electron/core/compose/model';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { downStack } from '../../electron/core/stack/stack-down';
import type { StackEvent, UpResult } from '../../electron/core/stack/stack-events';
import { upStack } from '../../electron/core/stack/stack-up';
import { labWorkspaceCopy, type StackWorkspace } from '../fixtures/stacks/stack-workspace';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const project = `parity-it-up-${process.pid}`;
let engine: DockerEngine;
let workspace: StackWorkspace;

async function up(model: ComposeModel): Promise<{ result: UpResult; events: StackEvent[] }> {
  const events: StackEvent[] = [];
  const result = await upStack(engine, model, {
    origin: workspace.origin,
    timeoutMs: 90_000,
    onEvent: (event) => events.push(event),
  });
  return { result, events };
}

async function containerIds(): Promise<Record<string, string>> {
  const found = await engine.client.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${project}`] },
  });
  return Object.fromEntries(found.map((c) => [c.Labels['com.docker.compose.service'] ?? '', c.Id]));
}

function at(time: string | null | undefined): number {
  if (!time) throw new Error('missing time');
  return Date.parse(time);
}

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  workspace = labWorkspaceCopy(lab.workspace, project);
});

afterAll(async () => {
  await downStack(engine, project, { volumes: true });
  workspace.remove();
});

describe('parity up on the lab stack (db healthy before app)', () => {
  let first: UpResult;
  let firstEvents: StackEvent[];

  it('brings db healthy, then starts app, and both turn healthy', async () => {
    ({ result: first, events: firstEvents } = await up(await workspace.load()));
    expect(first.message).toBe('');
    expect(first.outcome).toBe('ready');
    const { db, app } = first.services;
    expect(db).toMatchObject({ action: 'created', state: 'running', health: 'healthy' });
    expect(app).toMatchObject({ action: 'created', state: 'running', health: 'healthy' });

    // The ordering, on the engine's own clock: app started only after db's healthy event.
    expect(at(app?.timeline.started)).toBeGreaterThanOrEqual(at(db?.timeline.healthy));
    expect(at(db?.timeline.healthy)).toBeGreaterThan(at(db?.timeline.started));
    expect(at(db?.timeline.started)).toBeGreaterThanOrEqual(at(db?.timeline.created));
    expect(db?.msToHealthy).toBe(at(db?.timeline.healthy) - at(db?.timeline.started));
    expect(app?.timeline.waits).toEqual([
      { dependency: 'db', condition: 'service_healthy', from: expect.any(String), until: expect.any(String) },
    ]);
    expect(at(app?.timeline.waits[0]?.until)).toBeGreaterThanOrEqual(at(db?.timeline.healthy));
    // The probe that made db healthy is in its timeline, with its output.
    expect(
      db?.timeline.probes.some((p) => p.exitCode === 0 && p.output.includes('accepting connections')),
    ).toBe(true);

    const kinds = (service: string): string[] =>
      firstEvents
        .filter((e) => e.service === service && e.kind !== 'pulling' && e.kind !== 'pulled')
        .map((e) => e.kind);
    expect(kinds('db')).toEqual(['creating', 'starting', 'started', 'healthy']);
    expect(kinds('app')).toEqual(['waiting-for', 'creating', 'starting', 'started', 'healthy']);
    expect(firstEvents).toContainEqual(
      expect.objectContaining({
        kind: 'waiting-for',
        service: 'app',
        dependency: 'db',
        condition: 'service_healthy',
      }),
    );
  });

  it('labels containers, network and volume as a compose project', async () => {
    const model = await workspace.load();
    for (const service of ['db', 'app']) {
      const info = await engine.client.getContainer(`${project}-${service}-1`).inspect();
      const spec = model.services[service];
      if (spec === undefined) throw new Error(service);
      expect(info.Config.Labels).toMatchObject({
        'com.docker.compose.project': project,
        'com.docker.compose.service': service,
        'com.docker.compose.container-number': '1',
        'com.docker.compose.config-hash': configHash(spec),
        'com.docker.compose.oneoff': 'False',
        'com.docker.compose.version': '2.20.0',
        'com.docker.compose.project.working_dir': workspace.dir,
        'com.docker.compose.project.config_files': workspace.file,
        'com.docker.compose.depends_on': service === 'app' ? 'db:service_healthy:false' : '',
      });
      expect(info.HostConfig.RestartPolicy?.Name).toBe('no');
      // The service name resolves on the project network, as under Compose.
      expect(info.NetworkSettings.Networks[`${project}_default`]?.Aliases).toContain(service);
    }
    const app = await engine.client.getContainer(`${project}-app-1`).inspect();
    expect(app.Config.Env).toContain('DATABASE_URL=postgres://postgres@db:5432/app_db');
    expect(app.NetworkSettings.Ports['8080/tcp']?.[0]?.HostIp).toBe('127.0.0.1');
    expect(Number(app.NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort)).toBeGreaterThan(0);
    const db = await engine.client.getContainer(`${project}-db-1`).inspect();
    expect(db.Mounts).toContainEqual(
      expect.objectContaining({
        Type: 'volume',
        Name: `${project}_db-data`,
        Destination: '/var/lib/postgresql/data',
      }),
    );
    expect(db.Mounts).toContainEqual(
      expect.objectContaining({
        Type: 'bind',
        Source: join(workspace.dir, 'seed'),
        Destination: '/seed',
        RW: false,
      }),
    );

    const network = await engine.client.getNetwork(`${project}_default`).inspect();
    expect(network.Labels).toEqual({
      'com.docker.compose.project': project,
      'com.docker.compose.network': 'default',
      'com.docker.compose.version': '2.20.0',
    });
    const volume = await engine.client.getVolume(`${project}_db-data`).inspect();
    expect(volume.Labels).toEqual({
      'com.docker.compose.project': project,
      'com.docker.compose.volume': 'db-data',
      'com.docker.compose.version': '2.20.0',
    });
  });

  it('changes nothing on a second up', async () => {
    const before = await containerIds();
    const { result, events } = await up(await workspace.load());
    expect(result.outcome).toBe('ready');
    expect(await containerIds()).toEqual(before);
    // Both are read in parallel, so the two events come in either order.
    expect(events.map((e) => `${e.service} ${e.kind}`).sort()).toEqual(['app unchanged', 'db unchanged']);
    expect(result.services['db']).toMatchObject({ action: 'unchanged', health: 'healthy' });
    expect(result.services['app']).toMatchObject({ action: 'unchanged', health: 'healthy' });
  });

  it('recreates only app when its environment changes', async () => {
    const before = await containerIds();
    const env = join(workspace.dir, '.env');
    writeFileSync(
      env,
      readFileSync(env, 'utf8').replace(/^REDIS_URL=.*$/m, 'REDIS_URL=redis://cache:6379/1'),
    );
    const { result, events } = await up(await workspace.load());
    expect(result.outcome).toBe('ready');
    const after = await containerIds();
    expect(after['db']).toBe(before['db']);
    expect(after['app']).not.toBe(before['app']);
    expect(result.services['db']?.action).toBe('unchanged');
    expect(result.services['app']).toMatchObject({ action: 'recreated', health: 'healthy' });
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'creating', service: 'app', reason: 'changed' }),
    );
    expect(events.some((e) => e.service === 'db' && e.kind !== 'unchanged')).toBe(false);
    const app = await engine.client.getContainer(after['app'] ?? '').inspect();
    expect(app.Config.Env).toContain('REDIS_URL=redis://cache:6379/1');
  });

  it('starts a stopped service again, in the same container', async () => {
    const before = await containerIds();
    await engine.client.getContainer(before['app'] ?? '').stop();
    const { result, events } = await up(await workspace.load());
    expect(result.outcome).toBe('ready');
    expect(await containerIds()).toEqual(before);
    expect(result.services['app']).toMatchObject({ action: 'started', state: 'running', health: 'healthy' });
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'starting', service: 'app', reason: 'stopped' }),
    );
  });

  it('reports an orphan and leaves it, unless asked to remove it', async () => {
    const orphan = await engine.client.createContainer({
      Image: lab.images.app['1.0.0'],
      name: `${project}-retired-1`,
      Labels: {
        'com.docker.compose.project': project,
        'com.docker.compose.service': 'retired',
        'com.docker.compose.oneoff': 'False',
      },
    });
    const model = await workspace.load();
    const { result, events } = await up(model);
    expect(result.orphans).toEqual([`${project}-retired-1`]);
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'orphan',
        service: 'retired',
        container: `${project}-retired-1`,
        removed: false,
      }),
    );
    expect((await orphan.inspect()).Id).toBe(orphan.id);

    const removing = await upStack(engine, model, { origin: workspace.origin, removeOrphans: true });
    expect(removing.orphans).toEqual([`${project}-retired-1`]);
    await expect(orphan.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('parity down', () => {
  it('removes containers and network, keeps the named volume', async () => {
    const result = await downStack(engine, project, { volumes: false });
    expect(result.containers).toEqual([`${project}-app-1`, `${project}-db-1`]);
    expect(result.networks).toEqual([`${project}_default`]);
    expect(result.volumesKept).toEqual([`${project}_db-data`]);
    expect(await containerIds()).toEqual({});
    await expect(engine.client.getNetwork(`${project}_default`).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    expect((await engine.client.getVolume(`${project}_db-data`).inspect()).Name).toBe(`${project}_db-data`);
  });

  it('removes the volume too with --volumes', async () => {
    const result = await downStack(engine, project, { volumes: true });
    expect(result.volumesRemoved).toEqual([`${project}_db-data`]);
    await expect(engine.client.getVolume(`${project}_db-data`).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

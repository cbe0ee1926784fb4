import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentDockerContext } from '../../electron/core/host/docker-context';
import { runDoctor } from '../../electron/core/host/doctor';
import { observeEngine } from '../../electron/core/host/engine-observation';
import { engineSocketCandidates } from '../../electron/core/host/engine-sockets';
import { nodeHostProbe } from '../../electron/core/host/node-host-probe';
import { engineRecording } from '../fixtures/host/recordings';

// Real files and real unix sockets under a temporary HOME: discovery reads the same ~/.docker layout the
// docker CLI writes, and the fetch speaks HTTP over a socket served here with recorded engine answers.
let home: string;
const servers: Server[] = [];

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'parity-home-'));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  rmSync(home, { recursive: true, force: true });
});

function probeWith(env: Record<string, string>): ReturnType<typeof nodeHostProbe> {
  return nodeHostProbe({
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_RUNTIME_DIR: join(home, 'run'), ...env },
    homedir: home,
  });
}

function writeContext(name: string, host: string, configDir = join(home, '.docker')): void {
  const meta = join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  mkdirSync(meta, { recursive: true });
  writeFileSync(
    join(meta, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host } } }),
  );
}

function writeConfig(config: object, configDir = join(home, '.docker')): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config));
}

/** Serves a recorded engine's /version and /info on a real unix socket. */
async function serveEngine(path: string, recordingName: string): Promise<void> {
  const recording = engineRecording(recordingName);
  mkdirSync(dirname(path), { recursive: true });
  const server = createServer((req, res) => {
    const body =
      req.url === '/version' ? recording.version : req.url === '/info' ? recording.info : undefined;
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { message: 'page not found' }));
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
}

/** A file where a socket should be: connecting to it is refused, like a socket left behind by a stopped engine. */
function deadSocket(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
}

describe('engine discovery', () => {
  it('follows the docker CLI current context to its socket', async () => {
    const socket = join(home, '.colima/default/docker.sock');
    writeConfig({ auths: {}, currentContext: 'colima' });
    writeContext('colima', `unix://${socket}`);
    const probe = probeWith({});

    expect(await currentDockerContext(probe)).toEqual({ name: 'colima', host: `unix://${socket}` });
    const { candidates } = await engineSocketCandidates(probe);
    expect(candidates[0]).toEqual({ path: socket, origin: 'docker context "colima"', chosen: true });
  });

  it('DOCKER_CONTEXT and DOCKER_CONFIG override config.json, and "default" means no context', async () => {
    const configDir = join(home, 'elsewhere');
    writeConfig({ currentContext: 'colima' }, configDir);
    writeContext('colima', 'unix:///from/config.sock', configDir);
    writeContext('orbstack', 'unix:///from/env.sock', configDir);

    expect(await currentDockerContext(probeWith({ DOCKER_CONFIG: configDir }))).toEqual({
      name: 'colima',
      host: 'unix:///from/config.sock',
    });
    expect(
      await currentDockerContext(probeWith({ DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'orbstack' })),
    ).toEqual({
      name: 'orbstack',
      host: 'unix:///from/env.sock',
    });
    expect(
      await currentDockerContext(probeWith({ DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'default' })),
    ).toBeNull();
  });

  it('names tcp:// endpoints instead of probing them', async () => {
    const { candidates, skipped } = await engineSocketCandidates(
      probeWith({ DOCKER_HOST: 'tcp://10.0.0.5:2376' }),
    );
    expect(skipped).toEqual(['tcp://10.0.0.5:2376 (DOCKER_HOST)']);
    expect(candidates.map((c) => c.path)).toContain(join(home, '.orbstack/run/docker.sock'));
    expect(candidates.map((c) => c.path)).toContain(join(home, 'run/podman/podman.sock'));
  });

  it('classifies the engine answering over a real socket found through the context', async () => {
    const socket = join(home, '.colima/default/docker.sock');
    writeConfig({ currentContext: 'colima' });
    writeContext('colima', `unix://${socket}`);
    await serveEngine(socket, 'engine-colima-macos-intel');

    const observation = await observeEngine(probeWith({}));
    expect('version' in observation && observation.via).toEqual({
      socket,
      origin: 'docker context "colima"',
      ignored: [],
    });
    const findings = await runDoctor({
      probe: probeWith({}),
      engine: observation,
      workspaceDir: home,
      images: [],
    });
    expect(findings.find((f) => f.kind === 'host.engine-kind')?.evidence['engineKind']).toBe('colima');
  });

  it('reports engine-missing when no candidate socket exists (temp HOME, DOCKER_HOST pointing nowhere)', async () => {
    // The system-wide candidates must be absent for this to mean anything; on this machine they are.
    expect(existsSync('/var/run/docker.sock') || existsSync('/run/podman/podman.sock')).toBe(false);
    const nowhere = join(home, 'nowhere/docker.sock');
    const probe = probeWith({ DOCKER_HOST: `unix://${nowhere}` });

    const observation = await observeEngine(probe);
    expect(observation).toEqual({
      error: {
        reason: 'missing',
        tried: expect.arrayContaining([
          nowhere,
          '/var/run/docker.sock',
          join(home, '.docker/run/docker.sock'),
        ]) as unknown,
        ignored: [`DOCKER_HOST points at ${nowhere}, which does not exist`],
      },
    });
    const findings = await runDoctor({ probe, engine: observation, workspaceDir: home, images: [] });
    const missing = findings.find((f) => f.kind === 'host.engine-missing');
    expect(missing?.severity).toBe('error');
    expect(missing?.message).toContain(`DOCKER_HOST points at ${nowhere}`);
    expect(missing?.remediation.commands).toContain('sudo apt-get install -y docker.io');
  });

  it('a socket nobody listens on is unreachable, with the start command its path implies', async () => {
    const socket = join(home, '.orbstack/run/docker.sock');
    deadSocket(socket);
    const probe = probeWith({});

    const observation = await observeEngine(probe);
    expect(observation).toMatchObject({
      error: { reason: 'unreachable', socket, origin: 'known path', kind: 'orbstack', errno: 'ECONNREFUSED' },
    });
    const findings = await runDoctor({ probe, engine: observation, workspaceDir: home, images: [] });
    expect(findings.find((f) => f.kind === 'host.engine-unreachable')?.remediation.commands).toEqual([
      'orb start',
    ]);
  });

  it('never falls back from a chosen socket that exists but does not answer', async () => {
    const chosen = join(home, 'chosen.sock');
    deadSocket(chosen);
    await serveEngine(join(home, '.colima/default/docker.sock'), 'engine-colima-macos-intel');

    const observation = await observeEngine(probeWith({ DOCKER_HOST: `unix://${chosen}` }));
    expect(observation).toMatchObject({
      error: { reason: 'unreachable', socket: chosen, origin: 'DOCKER_HOST' },
    });
  });

  it('uses an engine that answers when DOCKER_HOST points nowhere, and warns that the docker CLI will not', async () => {
    const socket = join(home, '.colima/default/docker.sock');
    await serveEngine(socket, 'engine-colima-macos-intel');
    const probe = probeWith({ DOCKER_HOST: `unix://${join(home, 'gone.sock')}` });

    const findings = await runDoctor({
      probe,
      engine: await observeEngine(probe),
      workspaceDir: home,
      images: [],
    });
    const engine = findings.find((f) => f.kind === 'host.engine-kind');
    expect(engine?.severity).toBe('warning');
    expect(engine?.evidence['socket']).toBe(socket);
    expect(engine?.remediation.commands).toEqual([`export DOCKER_HOST=unix://${socket}`]);
  });

  it('an engine answering an error status is unreachable', async () => {
    const socket = join(home, '.colima/default/docker.sock');
    mkdirSync(dirname(socket), { recursive: true });
    const server = createServer((_req, res) => {
      res.writeHead(500);
      res.end('{}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socket, resolve));

    const observation = await observeEngine(probeWith({}));
    expect(observation).toMatchObject({ error: { reason: 'unreachable', socket, kind: 'colima' } });
    expect(
      'error' in observation && observation.error.reason === 'unreachable' && observation.error.detail,
    ).toContain('answered HTTP 500');
  });
});

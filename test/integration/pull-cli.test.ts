import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelHash } from '../../electron/core/compose/config-hash';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const auth = lab.authRegistry;
if (auth === undefined) throw new Error('lab.json has no authRegistry: run npm run lab:up');
const APP_1 = lab.images.app['1.0.0'];
const servers: Server[] = [];

afterAll(() => {
  for (const server of servers) server.close();
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, as `npx parity` runs it, against the lab engine and an empty Docker config by default. */
function parity(args: string[], env: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, DOCKER_HOST: lab.engine.socket, DOCKER_CONFIG: emptyDockerConfig(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function emptyDockerConfig(): string {
  return mkdtempSync(join(tmpdir(), 'parity-docker-config-'));
}

/** A temp copy of the lab workspace, its app image replaced when asked. */
function workspace(app?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-pull-ws-'));
  cpSync(lab.workspace, dir, { recursive: true });
  if (app !== undefined) {
    const file = join(dir, 'parity.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}app: .*$/m, `  app: ${app}`));
  }
  return dir;
}

describe('parity pull (the CLI, built)', () => {
  it('pulls the lab workspace by digest, verifies it, writes parity.lock with the compose hash, exit 0', async () => {
    const dir = workspace();
    const run = parity(['pull', '--workspace', dir]);
    expect(run.stderr).toContain('app: pulled');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('pulled, verified');
    expect(run.stdout).toContain(`parity.lock created: ${join(dir, 'parity.lock')}`);

    const lock = JSON.parse(readFileSync(join(dir, 'parity.lock'), 'utf8')) as {
      version: number;
      compose: { hash: string };
      images: Record<string, { digest: string; platforms: Record<string, string> }>;
    };
    expect(lock.version).toBe(1);
    expect(lock.images['app']?.digest).toBe(APP_1.slice(APP_1.indexOf('@') + 1));
    expect(Object.keys(lock.images['db']?.platforms ?? {})).toEqual(['linux/amd64']);
    const { model } = await loadCompose({ file: join(dir, 'docker-compose.yml'), env: process.env });
    expect(lock.compose.hash).toBe(modelHash(model));

    const again = parity(['pull', '--workspace', dir]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('parity.lock unchanged');
  });

  it('gives the result as one JSON object on stdout and progress as JSON lines on stderr', () => {
    const run = parity(['pull', '--json', '--workspace', workspace()]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as {
      images: Array<{ service: string; status: string; verified: boolean }>;
      findings: unknown[];
      lock: { written: boolean; reason: string };
    };
    expect(result.images.map((i) => [i.service, i.status, i.verified])).toEqual([
      ['app', 'pulled', true],
      ['db', 'pulled', true],
    ]);
    expect(result.findings).toEqual([]);
    expect(result.lock).toMatchObject({ written: true, reason: 'created' });
    const events = run.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events[0]).toEqual({ type: 'resolve', services: ['app', 'db'] });
    expect(events.filter((e) => e.type === 'image-done')).toHaveLength(2);
  });

  it('exits 1 for a pin the registry does not hold, and leaves parity.lock unwritten', () => {
    const missing = `sha256:${randomBytes(32).toString('hex')}`;
    const dir = workspace(`127.0.0.1:5000/parity/app@${missing}`);
    const run = parity(['pull', '--workspace', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^✖ error {3}image\.pin-not-found {2}app: 127\.0\.0\.1:5000 does not hold/m);
    expect(run.stdout).toContain('parity.lock not written: app did not resolve');
    expect(existsSync(join(dir, 'parity.lock'))).toBe(false);
  });

  it('exits 0 with a warning and the line to paste for a tag (image.not-pinned)', () => {
    const run = parity(['pull', '--workspace', workspace('127.0.0.1:5000/parity/app:1.0.0')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('! warning image.not-pinned');
    expect(run.stdout).toContain(`\n        app: ${APP_1}\n      $ npx parity pull\n`);
  });

  it('exits 3 when the token registry refuses an anonymous pull, and 0 with the credentials in DOCKER_CONFIG', () => {
    const dir = workspace(auth.image);
    const refused = parity(['pull', '--workspace', dir]);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain(
      `parity: ${auth.host} refused to let Parity read parity/app: it needs a login`,
    );
    expect(refused.stderr).toContain(`fix: Log in, then run again: docker login ${auth.host}`);

    const config = emptyDockerConfig();
    const basic = Buffer.from(`${auth.user}:${auth.password}`).toString('base64');
    writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: { [auth.host]: { auth: basic } } }));
    // The engine does its own token dance with the same credentials (X-Registry-Auth).
    const pulled = parity(['pull', '--workspace', dir], { DOCKER_CONFIG: config });
    expect(pulled.stderr).toContain(`app: pulled ${auth.image}, RepoDigests verified`);
    expect(pulled.status).toBe(0);
    expect(pulled.stdout).not.toContain(auth.password);
    expect(pulled.stderr).not.toContain(auth.password);
  });

  it('exits 2 for a bad parity.yml and for a corrupt parity.lock, naming the file', () => {
    const bad = workspace();
    writeFileSync(join(bad, 'parity.yml'), 'version: 1\nname: demo\nimgaes: {}\n');
    const badContract = parity(['pull', '--workspace', bad]);
    expect(badContract.status).toBe(2);
    expect(badContract.stderr).toContain('imgaes: unknown key "imgaes" — did you mean "images"?');

    const corrupt = workspace();
    writeFileSync(join(corrupt, 'parity.lock'), '{"version": 1, "images": ');
    const badLock = parity(['pull', '--workspace', corrupt]);
    expect(badLock.status).toBe(2);
    expect(badLock.stderr).toContain(`${join(corrupt, 'parity.lock')} is not a valid parity.lock`);
  });

  it('exits 3 when the engine does not answer', () => {
    const notASocket = join(mkdtempSync(join(tmpdir(), 'parity-pull-')), 'docker.sock');
    writeFileSync(notASocket, '');
    const run = parity(['pull', '--workspace', workspace()], { DOCKER_HOST: `unix://${notASocket}` });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(notASocket);
    expect(run.stderr).toContain('npx parity doctor');
  });

  it('exits 4 on Ctrl-C, promptly, even while a registry hangs', async () => {
    // A "registry" that accepts connections and never answers: without the interrupt the pull would sit
    // out its 30 s request timeout.
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const dir = workspace(`127.0.0.1:${port}/stuck/app@sha256:${'a'.repeat(64)}`);

    const child = spawn(process.execPath, ['bin/parity.js', 'pull', '--json', '--workspace', dir], {
      env: { ...process.env, DOCKER_HOST: lab.engine.socket, DOCKER_CONFIG: emptyDockerConfig() },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    const started = Date.now();
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no resolve event; stderr: ${stderr}`)), 20_000);
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('"type":"resolve"') && sockets.length > 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      server.on('connection', () => {
        if (stderr.includes('"type":"resolve"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    expect(await exit).toBe(4);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(stderr).toContain('parity: interrupted; parity.lock left as it was');
    expect(existsSync(join(dir, 'parity.lock'))).toBe(false);
    for (const socket of sockets) socket.destroy();
  });
});

import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { stringify } from 'yaml';
import { isAlive, spawnDetached, terminate } from '../lab/proc';
import { waitUntil } from '../lab/wait';

/**
 * A docker-registry of a faults test's own (own port, own data dir) holding copies of lab repositories, so
 * the test can stop it in the middle of a pull and start it again without touching the lab's registry.
 * Clients talk to it through a loopback relay that can cap the bytes per second it sends: over loopback a
 * whole image arrives in a blink, and "stopped mid-pull" needs a pull that is still running when it stops.
 * Stopping kills the registry and cuts every relayed connection, as a registry going away does.
 */
export interface PrivateRegistry {
  /** 127.0.0.1:PORT, as image references name it. */
  host: string;
  running(): boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export interface PrivateRegistryOptions {
  /** The lab registry's storage root (lab.registryInfo.dataDir): the repositories are copied from there. */
  sourceData: string;
  /** Repositories to copy, e.g. ['parity/app', 'parity/postgres']. */
  repositories: readonly string[];
  /** Cap on the bytes per second sent to each client; none when undefined. */
  bytesPerSecond?: number;
}

const V2 = join('docker', 'registry', 'v2');

/** Copies repositories and exactly the blobs their links name (a blob is immutable, written by rename). */
function copyRepositories(source: string, target: string, repositories: readonly string[]): void {
  const digests = new Set<string>();
  const collect = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) collect(path);
      else if (entry === 'link') digests.add(readFileSync(path, 'utf8').trim());
    }
  };
  for (const repository of repositories) {
    const from = join(source, V2, 'repositories', repository);
    if (!existsSync(from)) throw new Error(`the lab registry holds no ${repository} (${from})`);
    cpSync(from, join(target, V2, 'repositories', repository), { recursive: true });
    collect(from);
  }
  for (const digest of digests) {
    const hex = digest.replace(/^sha256:/, '');
    const blob = join(V2, 'blobs', 'sha256', hex.slice(0, 2), hex);
    if (existsSync(join(source, blob))) cpSync(join(source, blob), join(target, blob), { recursive: true });
  }
}

/** Passes bytes on at no more than `rate` per second on average: each chunk waits for its time slot. */
function throttle(rate: number): Transform {
  let due = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const now = Date.now();
      const slot = Math.max(now, due);
      due = slot + (chunk.length * 1000) / rate;
      if (slot <= now) done(null, chunk);
      else setTimeout(() => done(null, chunk), slot - now);
    },
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answers(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(2_000) });
  return response.status === 200;
}

export async function startPrivateRegistry(options: PrivateRegistryOptions): Promise<PrivateRegistry> {
  const dir = join(tmpdir(), `parity-fault-registry-${randomBytes(3).toString('hex')}`);
  const data = join(dir, 'data');
  const config = join(dir, 'config.yml');
  const log = join(dir, 'registry.log');
  mkdirSync(data, { recursive: true });
  copyRepositories(options.sourceData, data, options.repositories);
  const backendPort = await freePort();
  writeFileSync(
    config,
    stringify({
      version: 0.1,
      log: { level: 'info' },
      storage: { filesystem: { rootdirectory: data } },
      http: { addr: `127.0.0.1:${backendPort}` },
    }),
  );
  const port = await freePort();
  let pid: number | null = null;
  let relay: Server | null = null;
  const sockets = new Set<Socket>();

  const openRelay = async (): Promise<void> => {
    const server = createServer((client) => {
      const backend = connect(backendPort, '127.0.0.1');
      sockets.add(client).add(backend);
      const drop = (): void => {
        client.destroy();
        backend.destroy();
        sockets.delete(client);
        sockets.delete(backend);
      };
      client.on('error', drop).on('close', drop);
      backend.on('error', drop).on('close', drop);
      client.pipe(backend);
      if (options.bytesPerSecond === undefined) backend.pipe(client);
      else backend.pipe(throttle(options.bytesPerSecond)).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    relay = server;
  };

  const start = async (): Promise<void> => {
    const started = await spawnDetached('docker-registry', ['serve', config], log);
    pid = started;
    await waitUntil(`private registry 127.0.0.1:${backendPort}`, () => answers(backendPort), {
      timeoutMs: 30_000,
      log,
      stillRunning: () => isAlive(started),
    });
    await openRelay();
  };

  const stop = async (): Promise<void> => {
    const server = relay;
    relay = null;
    if (server !== null) {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    }
    if (pid !== null) await terminate([pid], 5_000);
    pid = null;
  };

  await start();
  return {
    host: `127.0.0.1:${port}`,
    running: () => relay !== null,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

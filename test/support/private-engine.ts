import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { deleteLink, ensureBridge } from '../lab/bridge';
import { ensureDockerd, stopDockerd } from '../lab/dockerd';
import type { EnginePaths } from '../lab/paths';
import { ensureImage } from './ensure-image';

/**
 * A throwaway dockerd of a faults test's own: its data root, exec-root, pidfile and socket are nobody
 * else's, so the test can stop it in the middle of a command and start it again (on the SAME data root: a
 * restart, not a new engine) without touching the lab's engines or other helpers' containers.
 * Its default bridge is one of its own (`pf-<id>`), never docker0: a dockerd started with `--bridge=none`
 * deletes the host's docker0 interface, which the lab's local engine uses. No iptables rules: user-defined
 * networks (what compose projects use) still work, and published ports go through docker-proxy on loopback.
 *
 * The CLI reaches it through a relay socket. A graceful dockerd stop keeps answering the API for seconds
 * while it stops containers, and on a quiet machine a command finishes in that window: the fault would then
 * miss the command it is aimed at. stop() cuts the relay first (every open connection, and new ones are
 * refused: the engine is gone for the client at that instant), then stops the daemon for real.
 */
export interface PrivateEngine {
  /** unix:///run/parity-fault-<id>/relay.sock: what DOCKER_HOST names for the CLI. */
  dockerHost: string;
  /** The daemon's own socket (the tests' client talks to it directly). */
  socket: string;
  paths: EnginePaths;
  /** The running engine's client; a new one after each start(). */
  engine(): DockerEngine;
  running(): boolean;
  /** The engine goes away: the relay is cut, then the daemon stops as `systemctl stop docker` does. */
  stop(): Promise<void>;
  /** Starts the daemon again on the same data root. */
  start(): Promise<DockerEngine>;
  /** Pulls lab images (by digest, from the lab registry) the engine does not hold yet. */
  load(references: readonly string[]): Promise<void>;
  /** Stops the daemon and removes every file it had: data root, exec-root, socket, logs. */
  dispose(): Promise<void>;
}

export interface PrivateEngineOptions {
  /** Short name in the paths (letters, digits, dashes); a random suffix keeps two runs apart. */
  name: string;
  /** Extra dockerd flags, e.g. `--max-download-attempts=1`. */
  extraArgs?: readonly string[];
}

export async function startPrivateEngine(options: PrivateEngineOptions): Promise<PrivateEngine> {
  const id = `${options.name}-${randomBytes(3).toString('hex')}`;
  // sun_path is 108 bytes and containerd appends to the exec-root's socket names: keep the runtime part short.
  const runDir = `/run/parity-fault-${id}`;
  const dir = join(tmpdir(), `parity-fault-${id}`);
  const paths: EnginePaths = {
    dir,
    dataRoot: join(dir, 'data'),
    execRoot: join(runDir, 'exec'),
    socket: join(runDir, 'docker.sock'),
    pidfile: join(dir, 'docker.pid'),
    log: join(dir, 'dockerd.log'),
  };
  mkdirSync(runDir, { recursive: true, mode: 0o755 });
  // Interface names hold 15 bytes; the random part keeps two runs' bridges apart.
  const bridge = `pf-${id}`.slice(0, 15);
  const bridgeCidr = `10.212.${randomBytes(1)[0] ?? 0}.1/24`;
  await ensureBridge(bridge, bridgeCidr);
  const args = [
    `--bridge=${bridge}`,
    '--ip-masq=false',
    '--iptables=false',
    '--ip6tables=false',
    '--insecure-registry=127.0.0.1:5000',
    // Stopping is part of every fault: two seconds for containers to exit, not the default fifteen.
    '--shutdown-timeout=2',
    ...(options.extraArgs ?? []),
  ];
  let current: DockerEngine | null = null;
  let up = false;
  const relayPath = join(runDir, 'relay.sock');
  let relay: Server | null = null;
  const relayed = new Set<Socket>();

  const openRelay = async (): Promise<void> => {
    rmSync(relayPath, { force: true });
    const server = createServer((client) => {
      const daemon = connect(paths.socket);
      relayed.add(client).add(daemon);
      const drop = (): void => {
        client.destroy();
        daemon.destroy();
        relayed.delete(client);
        relayed.delete(daemon);
      };
      client.on('error', drop).on('close', drop);
      daemon.on('error', drop).on('close', drop);
      client.pipe(daemon).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(relayPath, resolve);
    });
    relay = server;
  };

  const cutRelay = async (): Promise<void> => {
    const server = relay;
    relay = null;
    if (server === null) return;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of relayed) socket.destroy();
    relayed.clear();
    await closed;
    rmSync(relayPath, { force: true });
  };

  const start = async (): Promise<DockerEngine> => {
    await ensureDockerd(paths, args);
    up = true;
    current = await DockerEngine.connect(paths.socket);
    await openRelay();
    return current;
  };
  await start();

  return {
    dockerHost: `unix://${relayPath}`,
    socket: paths.socket,
    paths,
    engine: () => {
      if (current === null || !up) throw new Error(`the private engine ${id} is stopped`);
      return current;
    },
    running: () => up,
    stop: async () => {
      up = false;
      await cutRelay();
      await stopDockerd(paths);
    },
    start,
    load: async (references) => {
      if (current === null || !up) throw new Error(`the private engine ${id} is stopped`);
      for (const reference of references) await ensureImage(current, reference);
    },
    dispose: async () => {
      up = false;
      await cutRelay();
      await stopDockerd(paths);
      await deleteLink(bridge);
      rmSync(dir, { recursive: true, force: true });
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

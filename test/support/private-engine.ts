import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { ensureDockerd, stopDockerd } from '../lab/dockerd';
import type { EnginePaths } from '../lab/paths';
import { ensureImage } from './ensure-image';

/**
 * A throwaway dockerd of a faults test's own: its data root, exec-root, pidfile and socket are nobody
 * else's, so the test can stop it in the middle of a command and start it again (on the SAME data root: a
 * restart, not a new engine) without touching the lab's engines or other helpers' containers.
 * No default bridge and no iptables rules: user-defined networks (what compose projects use) still work,
 * and published ports go through docker-proxy on loopback.
 */
export interface PrivateEngine {
  /** unix:///run/parity-fault-<id>/docker.sock: what DOCKER_HOST names for the CLI. */
  dockerHost: string;
  socket: string;
  paths: EnginePaths;
  /** The running engine's client; a new one after each start(). */
  engine(): DockerEngine;
  running(): boolean;
  /** Stops the daemon as `systemctl stop docker` does: SIGTERM (containers stopped), SIGKILL after a grace. */
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
  const args = [
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--insecure-registry=127.0.0.1:5000',
    // Stopping is part of every fault: two seconds for containers to exit, not the default fifteen.
    '--shutdown-timeout=2',
    ...(options.extraArgs ?? []),
  ];
  let current: DockerEngine | null = null;
  let up = false;

  const start = async (): Promise<DockerEngine> => {
    await ensureDockerd(paths, args);
    up = true;
    current = await DockerEngine.connect(paths.socket);
    return current;
  };
  await start();

  return {
    dockerHost: `unix://${paths.socket}`,
    socket: paths.socket,
    paths,
    engine: () => {
      if (current === null || !up) throw new Error(`the private engine ${id} is stopped`);
      return current;
    },
    running: () => up,
    stop: async () => {
      up = false;
      await stopDockerd(paths);
    },
    start,
    load: async (references) => {
      if (current === null || !up) throw new Error(`the private engine ${id} is stopped`);
      for (const reference of references) await ensureImage(current, reference);
    },
    dispose: async () => {
      up = false;
      await stopDockerd(paths);
      rmSync(dir, { recursive: true, force: true });
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

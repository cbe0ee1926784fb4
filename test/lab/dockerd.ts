import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connectEngine, askVersion } from './engine-client.js';
import type { Engine } from './engine-client.js';
import { unmountUnder } from './mounts.js';
import type { EnginePaths } from './paths.js';
import { descendants, isAlive, listProcesses, ownedPid, spawnDetached, terminate } from './proc.js';
import { waitUntil } from './wait.js';

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 30_000;
const RUNTIME_COMMANDS = new Set([
  'containerd',
  'containerd-shim',
  'containerd-shim-runc-v2',
  'docker-proxy',
  'runc',
]);

export interface ManagedEngine extends Engine {
  pid: number;
  reused: boolean;
}

/** containerd and shims of a dockerd that died without stopping them; they name the exec-root. */
function strays(paths: EnginePaths): number[] {
  return listProcesses()
    .filter(
      (proc) => RUNTIME_COMMANDS.has(proc.comm) && proc.cmdline.some((arg) => arg.includes(paths.execRoot)),
    )
    .map((proc) => proc.pid);
}

async function clearStaleState(paths: EnginePaths): Promise<void> {
  await terminate(strays(paths), 5_000);
  await unmountUnder([paths.execRoot, paths.dataRoot]);
  // exec-root is runtime-only state (normally on tmpfs); a stale containerd.pid in it can name a recycled pid.
  rmSync(paths.execRoot, { recursive: true, force: true });
  rmSync(paths.socket, { force: true });
  rmSync(paths.pidfile, { force: true });
}

/** Starts (or reuses) a dockerd whose every path is the lab's own. */
export async function ensureDockerd(
  paths: EnginePaths,
  extraArgs: readonly string[],
): Promise<ManagedEngine> {
  const address = { socketPath: paths.socket };
  const running = ownedPid(paths.pidfile, paths.pidfile);
  if (running !== null) {
    await waitUntil(`dockerd ${paths.socket}`, () => askVersion(address).then(() => true), {
      timeoutMs: START_TIMEOUT_MS,
      log: paths.log,
      stillRunning: () => isAlive(running),
    });
    return { ...(await connectEngine(address)), pid: running, reused: true };
  }
  await clearStaleState(paths);
  for (const dir of [paths.dir, paths.dataRoot, paths.execRoot])
    mkdirSync(dir, { recursive: true, mode: 0o755 });
  // Our own (empty) daemon.json keeps a host /etc/docker/daemon.json from adding hosts or bridges.
  const configFile = `${paths.dir}/daemon.json`;
  writeFileSync(configFile, '{}\n');
  const args = [
    '--config-file',
    configFile,
    '--data-root',
    paths.dataRoot,
    '--exec-root',
    paths.execRoot,
    '-H',
    `unix://${paths.socket}`,
    '--pidfile',
    paths.pidfile,
    '-G',
    'docker',
    ...extraArgs,
  ];
  writeFileSync(paths.log, `\n--- lab: dockerd ${args.join(' ')} at ${new Date().toISOString()}\n`, {
    flag: 'a',
  });
  const pid = await spawnDetached('dockerd', args, paths.log);
  await waitUntil(`dockerd ${paths.socket}`, () => askVersion(address).then(() => true), {
    timeoutMs: START_TIMEOUT_MS,
    log: paths.log,
    stillRunning: () => isAlive(pid),
  });
  return { ...(await connectEngine(address)), pid, reused: false };
}

/** Stops the lab's dockerd and whatever it left running; never touches another engine. */
export async function stopDockerd(paths: EnginePaths): Promise<boolean> {
  const pid = ownedPid(paths.pidfile, paths.pidfile);
  const children = pid === null ? [] : descendants(pid).map((proc) => proc.pid);
  if (pid !== null) await terminate([pid], STOP_GRACE_MS);
  await terminate([...children, ...strays(paths)], 5_000);
  await unmountUnder([paths.execRoot, paths.dataRoot]);
  rmSync(paths.execRoot, { recursive: true, force: true });
  rmSync(paths.socket, { force: true });
  rmSync(paths.pidfile, { force: true });
  return pid !== null;
}

export function anyDockerdRunning(): boolean {
  return listProcesses().some((proc) => proc.comm === 'dockerd' && proc.state !== 'Z' && proc.state !== 'X');
}

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { RegistryPaths } from './paths.js';
import { isAlive, ownedPid, spawnDetached, terminate } from './proc.js';
import { REGISTRY, registryAnswers } from './registry-client.js';
import { waitUntil } from './wait.js';

export interface RegistryState {
  /** Null when something else already served the registry and the lab reused it. */
  pid: number | null;
  managed: boolean;
}

function writeConfig(paths: RegistryPaths): void {
  const config = {
    version: 0.1,
    log: { level: 'info', fields: { service: 'parity-lab-registry' } },
    storage: { filesystem: { rootdirectory: paths.data }, delete: { enabled: true } },
    http: { addr: REGISTRY },
  };
  writeFileSync(paths.config, stringify(config));
}

export async function ensureRegistry(paths: RegistryPaths): Promise<RegistryState> {
  const ours = ownedPid(paths.pidfile, paths.config);
  if (await registryAnswers()) return { pid: ours, managed: ours !== null };
  if (ours !== null) await terminate([ours], 5_000);
  mkdirSync(paths.data, { recursive: true });
  writeConfig(paths);
  const pid = await spawnDetached('docker-registry', ['serve', paths.config], paths.log);
  // docker-registry writes no pidfile of its own.
  writeFileSync(paths.pidfile, `${pid}\n`);
  await waitUntil(`registry http://${REGISTRY}/v2/`, registryAnswers, {
    timeoutMs: 30_000,
    log: paths.log,
    stillRunning: () => isAlive(pid),
  });
  return { pid, managed: true };
}

export async function stopRegistry(paths: RegistryPaths): Promise<boolean> {
  const pid = ownedPid(paths.pidfile, paths.config);
  if (pid !== null) await terminate([pid], 10_000);
  rmSync(paths.pidfile, { force: true });
  return pid !== null;
}

import { askVersion, connectEngine, parseDockerHost } from './engine-client.js';
import type { Engine } from './engine-client.js';
import { ensureDockerd } from './dockerd.js';
import type { LabPaths } from './paths.js';

export interface LocalEngine extends Engine {
  /** True when the lab started this dockerd and so may stop it and clean it. */
  managed: boolean;
  /** True when the engine was already answering before this run. */
  reused: boolean;
  pid: number | null;
}

const SYSTEM_SOCKET = '/var/run/docker.sock';

/** A developer's own engine wins; otherwise the lab runs one under .lab/engine. */
export async function ensureLocalEngine(paths: LabPaths): Promise<LocalEngine> {
  const fromEnv = process.env.DOCKER_HOST;
  if (fromEnv) {
    const address = parseDockerHost(fromEnv);
    await askVersion(address).catch((error: unknown) => {
      throw new Error(
        `DOCKER_HOST=${fromEnv} does not answer /version: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return { ...(await connectEngine(address)), managed: false, reused: true, pid: null };
  }
  const system = { socketPath: SYSTEM_SOCKET };
  if (
    await askVersion(system).then(
      () => true,
      () => false,
    )
  )
    return { ...(await connectEngine(system)), managed: false, reused: true, pid: null };
  const engine = await ensureDockerd(paths.engine, []);
  return { ...engine, managed: true };
}

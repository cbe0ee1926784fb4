import { join } from 'node:path';
import { currentDockerContext } from './docker-context';
import type { HostProbe } from './host-probe';

export interface EngineCandidate {
  /** The unix socket's path. */
  path: string;
  /** Why it is a candidate, for evidence: "DOCKER_HOST", 'docker context "colima"', "known path". */
  origin: string;
  /** True when the user chose it (DOCKER_HOST, a docker context): the docker CLI uses it and nothing else. */
  chosen: boolean;
}

export interface EngineCandidates {
  candidates: EngineCandidate[];
  /** Endpoints set by the user that are not unix sockets (tcp://, ssh://): named, not probed. */
  skipped: string[];
}

/**
 * Every socket an engine may listen on, in the order the docker CLI would pick them (DOCKER_HOST, then
 * the current context), then where each product puts its socket by default.
 */
export async function engineSocketCandidates(probe: HostProbe): Promise<EngineCandidates> {
  const candidates: EngineCandidate[] = [];
  const skipped: string[] = [];
  const add = (address: string, origin: string, chosen: boolean): void => {
    const path = unixPath(address);
    if (path === null) skipped.push(`${address} (${origin})`);
    else if (!candidates.some((c) => c.path === path)) candidates.push({ path, origin, chosen });
  };

  const dockerHost = probe.env['DOCKER_HOST'];
  const hasDockerHost = dockerHost !== undefined && dockerHost !== '';
  if (hasDockerHost) add(dockerHost, 'DOCKER_HOST', true);
  // The CLI ignores the context while DOCKER_HOST is set; its socket is then just another place to look.
  const context = await currentDockerContext(probe);
  if (context !== null) add(context.host, `docker context "${context.name}"`, !hasDockerHost);

  const home = probe.homedir;
  const known = [
    '/var/run/docker.sock',
    join(home, '.docker/run/docker.sock'), // Docker Desktop on macOS
    join(home, '.docker/desktop/docker.sock'), // Docker Desktop on Linux
    join(home, '.colima/default/docker.sock'),
    join(home, '.orbstack/run/docker.sock'),
    join(home, '.rd/docker.sock'),
  ];
  const runtimeDir = probe.env['XDG_RUNTIME_DIR'];
  if (runtimeDir !== undefined && runtimeDir !== '') known.push(join(runtimeDir, 'podman/podman.sock'));
  known.push('/run/podman/podman.sock');
  for (const path of known) add(path, 'known path', false);
  return { candidates, skipped };
}

function unixPath(address: string): string | null {
  if (address.startsWith('unix://')) return address.slice('unix://'.length);
  if (address.startsWith('/')) return address;
  return null;
}

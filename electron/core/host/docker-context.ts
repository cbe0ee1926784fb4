import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { HostProbe } from './host-probe';

export interface DockerContext {
  name: string;
  /** The endpoint as written, e.g. "unix:///Users/dev/.colima/default/docker.sock". */
  host: string;
}

/**
 * The engine the docker CLI talks to when DOCKER_HOST is unset: DOCKER_CONTEXT, else config.json's
 * currentContext, resolved through the context store. The store names each context's folder by the
 * sha256 of its name, so the name never has to be a safe file name. "default" has no folder: it means the
 * built-in socket, which the known paths already cover.
 */
export async function currentDockerContext(probe: HostProbe): Promise<DockerContext | null> {
  const configDir = probe.env['DOCKER_CONFIG'] ?? join(probe.homedir, '.docker');
  const name = probe.env['DOCKER_CONTEXT'] ?? (await contextFromConfig(probe, configDir));
  if (name === undefined || name === '' || name === 'default') return null;
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = parseJson(await probe.readFile(join(configDir, 'contexts', 'meta', digest, 'meta.json')));
  const host = field(field(field(meta, 'Endpoints'), 'docker'), 'Host');
  return typeof host === 'string' && host !== '' ? { name, host } : null;
}

async function contextFromConfig(probe: HostProbe, configDir: string): Promise<string | undefined> {
  const current = field(parseJson(await probe.readFile(join(configDir, 'config.json'))), 'currentContext');
  return typeof current === 'string' ? current : undefined;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A hand-edited config.json with a stray comma must not stop the doctor; the known paths still apply.
    return undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

import type { EngineVersion } from '../../../shared/contract';
import { ParityError } from '../parity-error';
import { unixSocketFetch } from './engine-fetch';

/**
 * Asks the engine's unversioned /version endpoint. dockerode does not negotiate the API version, so we ask
 * first and then pin the client to what the engine speaks (the Debian engine here speaks 1.41).
 */
export async function probeEngine(socketPath: string): Promise<EngineVersion> {
  const body = await unixSocketFetch(socketPath, '/version');
  try {
    return toEngineVersion(socketPath, body);
  } catch (error) {
    throw new ParityError(
      'engine-unreachable',
      `The engine at ${socketPath} answered /version with something else than an engine's version (${String(error)}).`,
      'Check that DOCKER_HOST points at a Docker-compatible engine.',
    );
  }
}

function toEngineVersion(socket: string, body: unknown): EngineVersion {
  const v = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (key: string): string => {
    const value = v[key];
    if (typeof value !== 'string') throw new Error(`missing ${key}`);
    return value;
  };
  return {
    socket,
    version: text('Version'),
    apiVersion: text('ApiVersion'),
    minApiVersion: text('MinAPIVersion'),
    os: text('Os'),
    arch: text('Arch'),
    kernelVersion: text('KernelVersion'),
  };
}

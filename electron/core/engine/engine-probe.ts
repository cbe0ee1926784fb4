import { request } from 'node:http';
import { ParityError } from '../parity-error';
import type { EngineVersion } from '../../../shared/contract';

const PROBE_TIMEOUT_MS = 5_000;

/**
 * Asks the engine's unversioned /version endpoint. dockerode does not negotiate the API version, so we ask
 * first and then pin the client to what the engine speaks (the Debian engine here speaks 1.41).
 */
export function probeEngine(socketPath: string): Promise<EngineVersion> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/version', method: 'GET', timeout: PROBE_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(unreachable(socketPath, `it answered HTTP ${res.statusCode ?? '?'}`));
          return;
        }
        try {
          resolve(toEngineVersion(socketPath, JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        } catch (error) {
          reject(unreachable(socketPath, `its /version answer was not understood (${String(error)})`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000}s`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(unreachable(socketPath, describe(error))));
    req.end();
  });
}

function toEngineVersion(socket: string, body: unknown): EngineVersion {
  const v = body as Record<string, unknown>;
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

function describe(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'the socket does not exist';
    case 'ECONNREFUSED':
      return 'nothing is listening on the socket';
    case 'EACCES':
      return 'this user may not open the socket';
    default:
      return error.message;
  }
}

function unreachable(socketPath: string, why: string): ParityError {
  return new ParityError(
    'engine-unreachable',
    `No Docker Engine answers at ${socketPath}: ${why}.`,
    'Start the engine (the lab: npm run lab:up; a system engine: sudo systemctl start docker), or point DOCKER_HOST at a running one.',
  );
}

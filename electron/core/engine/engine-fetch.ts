import { request } from 'node:http';
import { ParityError } from '../parity-error';

const FETCH_TIMEOUT_MS = 5_000;

/**
 * GET a path from an engine's API and hand back the parsed JSON. Injectable so tests can feed recorded
 * answers of engines we cannot run here (Docker Desktop, OrbStack, Colima, Rancher Desktop).
 */
export type EngineFetch = (socketPath: string, path: string) => Promise<unknown>;

/** The real fetch over a unix socket; every failure is an engine-unreachable ParityError that says why. */
export const unixSocketFetch: EngineFetch = (socketPath, path) =>
  new Promise((resolve, reject) => {
    // agent: false — one connection per question, closed after: a kept-alive socket to the engine would hold
    // the CLI's event loop open and keep a stopped test engine's server from closing.
    const req = request(
      { socketPath, path, method: 'GET', timeout: FETCH_TIMEOUT_MS, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(unreachable(socketPath, `its ${path} answered HTTP ${res.statusCode ?? '?'}`));
            return;
          }
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(unreachable(socketPath, `its ${path} answer was not JSON (${String(error)})`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${FETCH_TIMEOUT_MS / 1000}s`)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(unreachable(socketPath, describe(error), error.code)),
    );
    req.end();
  });

/** The errno behind a failed fetch (EACCES, ECONNREFUSED …) when there was one. */
export function errnoOf(error: unknown): string | undefined {
  if (!(error instanceof ParityError)) return undefined;
  const cause = error.cause;
  return typeof cause === 'string' ? cause : undefined;
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

function unreachable(socketPath: string, why: string, errno?: string): ParityError {
  return new ParityError(
    'engine-unreachable',
    `No engine answers at ${socketPath}: ${why}.`,
    'Start the engine (the lab: npm run lab:up; a system engine: sudo systemctl start docker), or point DOCKER_HOST at a running one.',
    errno === undefined ? undefined : { cause: errno },
  );
}

import { existsSync } from 'node:fs';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Which engine socket to talk to: an explicit one (the workspace's, e.g. the lab's) wins, then DOCKER_HOST,
 * then the conventional socket. Only unix sockets for now; tcp:// hosts are reported, not guessed at.
 */
export function resolveEngineSocket(options: {
  explicit?: string | undefined;
  env?: NodeJS.ProcessEnv;
}): string {
  const env = options.env ?? process.env;
  const chosen = options.explicit ?? env['DOCKER_HOST'] ?? `unix://${DEFAULT_SOCKET}`;
  return socketPathOf(chosen);
}

/** `unix:///run/x.sock` → `/run/x.sock`; a bare path is taken as is. */
export function socketPathOf(address: string): string {
  if (address.startsWith('unix://')) return address.slice('unix://'.length);
  if (address.startsWith('/')) return address;
  throw new Error(`Only unix:// engine sockets are supported so far, not "${address}".`);
}

export function socketExists(path: string): boolean {
  return existsSync(path);
}

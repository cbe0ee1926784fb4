import Docker from 'dockerode';
import { request } from 'node:http';

/** Where an engine listens: a unix socket, or host and port for tcp://. */
export type EngineAddress = { socketPath: string } | { host: string; port: number };

export interface Engine {
  docker: Docker;
  address: EngineAddress;
  /** unix:///… or tcp://…, for DOCKER_HOST and lab.json. */
  url: string;
  apiVersion: string;
}

export function parseDockerHost(url: string): EngineAddress {
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(url);
  if (tcp?.[1] && tcp[2]) return { host: tcp[1], port: Number(tcp[2]) };
  throw new Error(`unsupported DOCKER_HOST ${url}: the lab speaks unix:// and tcp://host:port`);
}

export function engineUrl(address: EngineAddress): string {
  return 'socketPath' in address ? `unix://${address.socketPath}` : `tcp://${address.host}:${address.port}`;
}

interface VersionAnswer {
  ApiVersion: string;
  Version: string;
}

/** GET /version with a short timeout; rejects when nothing answers. */
export function askVersion(address: EngineAddress, timeoutMs = 2_000): Promise<VersionAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ ...address, path: '/version', method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`/version answered ${res.statusCode}`));
          return;
        }
        try {
          const parsed = JSON.parse(body) as Partial<VersionAnswer>;
          if (typeof parsed.ApiVersion !== 'string') throw new Error('no ApiVersion');
          resolve({ ApiVersion: parsed.ApiVersion, Version: String(parsed.Version) });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('/version timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** dockerode does not negotiate: pin the client to the API version the engine reports. */
export async function connectEngine(address: EngineAddress): Promise<Engine> {
  const { ApiVersion } = await askVersion(address);
  return {
    docker: new Docker({ ...address, version: `v${ApiVersion}` }),
    address,
    url: engineUrl(address),
    apiVersion: ApiVersion,
  };
}

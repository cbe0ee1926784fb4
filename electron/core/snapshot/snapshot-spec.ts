import type { ParityContract } from '../../../shared/parity-schema';

/** What a snapshot looks at, from the contract (and the compose model for in-container health ports). */
export interface SnapshotSpec {
  project: string;
  salt: string;
  health: Array<{
    service: string;
    /** The URL from the contract, as the developer's machine reaches it. */
    url: string;
    /** The same endpoint from inside the service's container (staging publishes no ports to us). */
    inContainerUrl: string;
    ignore: string[];
  }>;
  seed: { service: string; dump: string[] } | null;
}

/**
 * Builds the spec. `containerPort` maps a published host port to the container's port (from the compose
 * model); without one, the URL's own port is used inside the container too.
 */
export function snapshotSpec(
  contract: ParityContract,
  project: string,
  salt: string,
  containerPort: (service: string, hostPort: number) => number | undefined = () => undefined,
): SnapshotSpec {
  return {
    project,
    salt,
    health: Object.entries(contract.health).map(([service, probe]) => {
      const url = new URL(probe.url);
      const hostPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const port = containerPort(service, hostPort) ?? hostPort;
      return {
        service,
        url: probe.url,
        inContainerUrl: `${url.protocol}//127.0.0.1:${port}${url.pathname}${url.search}`,
        ignore: probe.ignore ?? [],
      };
    }),
    seed: { service: contract.seed.service, dump: contract.seed.dump },
  };
}

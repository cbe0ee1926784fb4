import type { ComposeModel } from '../compose/model';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';
import { resourceLabels } from './compose-labels';

/**
 * The project's networks and named volumes, created when missing, before any container needs them.
 * Existing ones are used as they are (a volume holds the developer's data); external ones must exist.
 */
export async function ensureProjectResources(engine: DockerEngine, model: ComposeModel): Promise<void> {
  const networks = Object.entries(model.networks).map(async ([key, network]) => {
    if (await exists(() => engine.client.getNetwork(network.name).inspect())) return;
    if (network.external) throw missingExternal('network', network.name);
    await engine.client.createNetwork({
      Name: network.name,
      Driver: network.driver ?? 'bridge',
      Internal: network.internal,
      Options: network.driverOpts,
      Labels: resourceLabels(model.name, 'network', key, network.labels),
      // Without it two parallel `up`s of one project could each create a network of the same name.
      CheckDuplicate: true,
    });
  });
  const volumes = Object.entries(model.volumes).map(async ([key, volume]) => {
    if (await exists(() => engine.client.getVolume(volume.name).inspect())) return;
    if (volume.external) throw missingExternal('volume', volume.name);
    await engine.client.createVolume({
      Name: volume.name,
      Driver: volume.driver ?? 'local',
      DriverOpts: volume.driverOpts,
      Labels: resourceLabels(model.name, 'volume', key, volume.labels),
    });
  });
  await Promise.all([...networks, ...volumes]);
}

async function exists(inspect: () => Promise<unknown>): Promise<boolean> {
  return inspect().then(
    () => true,
    (error: unknown) => {
      if (statusCodeOf(error) === 404) return false;
      throw error;
    },
  );
}

export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

function missingExternal(kind: 'network' | 'volume', name: string): ParityError {
  return new ParityError(
    'engine-error',
    `The compose file uses the external ${kind} "${name}", which does not exist on this engine.`,
    `Create it first: docker ${kind} create ${name}`,
  );
}

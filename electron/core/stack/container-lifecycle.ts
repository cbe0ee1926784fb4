import type { ContainerCreateOptions, MountSettings } from 'dockerode';
import type { DockerEngine } from '../engine/docker-engine';
import type { ContainerPlan } from './container-spec';
import { statusCodeOf } from './project-resources';

/** Anonymous volume names are 64 hex characters; named ones are not. */
const ANONYMOUS = /^[0-9a-f]{64}$/;

/**
 * Creates the planned container and joins its other networks, but does not start it: the caller decides,
 * after checking it was not interrupted meanwhile, whether to start it or remove it again.
 */
export async function createContainer(engine: DockerEngine, plan: ContainerPlan): Promise<string> {
  const container = await engine.client.createContainer(plan.create);
  try {
    for (const extra of plan.connect) {
      await engine.client
        .getNetwork(extra.network)
        .connect({ Container: container.id, EndpointConfig: extra.endpoint });
    }
  } catch (error) {
    await removeContainer(engine, container.id);
    throw error;
  }
  return container.id;
}

/**
 * A recreated container keeps the anonymous volumes of the one it replaces (an image's VOLUME, such as a
 * database's data folder without a named volume), as Compose does: recreating must not lose data.
 */
export async function inheritAnonymousVolumes(
  engine: DockerEngine,
  oldContainerId: string,
  create: ContainerCreateOptions,
): Promise<ContainerCreateOptions> {
  const old = await engine.client.getContainer(oldContainerId).inspect();
  const mounts: MountSettings[] = [...(create.HostConfig?.Mounts ?? [])];
  const binds = create.HostConfig?.Binds ?? [];
  const taken = (target: string): boolean =>
    mounts.some((mount) => mount.Target === target) || binds.some((bind) => bind.split(':')[1] === target);
  for (const mount of old.Mounts) {
    if (mount.Type !== 'volume' || !mount.Name || !ANONYMOUS.test(mount.Name) || taken(mount.Destination))
      continue;
    mounts.push({ Type: 'volume', Source: mount.Name, Target: mount.Destination });
  }
  return { ...create, HostConfig: { ...create.HostConfig, Mounts: mounts } };
}

/** Stops (the image's stop signal and grace period, so a database shuts down cleanly) and removes. */
export async function retireContainer(
  engine: DockerEngine,
  containerId: string,
  options: { volumes?: boolean } = {},
): Promise<void> {
  const container = engine.client.getContainer(containerId);
  await container.stop().catch((error: unknown) => {
    // 304: already stopped; 404: already gone. Neither is a reason to fail.
    if (statusCodeOf(error) !== 304 && statusCodeOf(error) !== 404) throw error;
  });
  await removeContainer(engine, containerId, options);
}

/** Removes a container; anonymous volumes stay unless asked (they may hold the only copy of data). */
export async function removeContainer(
  engine: DockerEngine,
  containerId: string,
  options: { volumes?: boolean } = {},
): Promise<void> {
  await engine.client
    .getContainer(containerId)
    .remove({ force: true, v: options.volumes ?? false })
    .catch((error: unknown) => {
      if (statusCodeOf(error) !== 404) throw error;
    });
}

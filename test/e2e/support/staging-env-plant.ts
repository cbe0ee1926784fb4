import type { ContainerInspectInfo } from 'dockerode';
import type { DockerEngine } from '../../../electron/core/engine/docker-engine';
import { waitForHealthy } from '../../../electron/core/engine/health-wait';

const HEALTHY_TIMEOUT_MS = 90_000;

/**
 * A drift on staging as a deploy would make it: staging's container of one service is recreated with one
 * more environment entry (KEY=value), everything else as it was. Returns the undo, which recreates the
 * container exactly from its original configuration; call it as soon as the drift has served, since other
 * tests compare with the same staging.
 */
export async function plantStagingEnvEntry(
  staging: DockerEngine,
  container: string,
  entry: string,
): Promise<() => Promise<void>> {
  const original = await staging.client.getContainer(container).inspect();
  await recreate(staging, original, [...(original.Config.Env ?? []), entry]);
  let undone = false;
  return async () => {
    if (undone) return;
    undone = true;
    await recreate(staging, original, original.Config.Env ?? []);
  };
}

/** Replaces the container by one made from `from`'s configuration with `env`, then waits for it to be healthy. */
async function recreate(staging: DockerEngine, from: ContainerInspectInfo, env: string[]): Promise<void> {
  const name = from.Name.replace(/^\//, '');
  await staging.client.getContainer(name).remove({ force: true });
  const endpoints = Object.fromEntries(
    Object.entries(from.NetworkSettings.Networks).map(([network, endpoint]) => [
      network,
      // The engine adds the old container's short id as an alias; it must not follow to the new one.
      {
        Aliases: ((endpoint.Aliases as string[] | undefined) ?? []).filter(
          (alias) => !from.Id.startsWith(alias),
        ),
      },
    ]),
  );
  const created = await staging.client.createContainer({
    name,
    Image: from.Config.Image,
    Env: env,
    Cmd: from.Config.Cmd,
    Entrypoint: from.Config.Entrypoint,
    Healthcheck: from.Config.Healthcheck,
    Labels: from.Config.Labels,
    HostConfig: { Mounts: from.HostConfig.Mounts ?? [], NetworkMode: from.HostConfig.NetworkMode },
    NetworkingConfig: { EndpointsConfig: endpoints },
  });
  await created.start();
  if (from.Config.Healthcheck !== undefined) {
    await waitForHealthy(staging, created.id, { timeoutMs: HEALTHY_TIMEOUT_MS });
  }
}

import type { DockerEngine } from '../engine/docker-engine';
import { parseDependsOnLabel, projectFilter } from './compose-labels';
import { retireContainer } from './container-lifecycle';
import { stopWaves, type DependencyEdge } from './dependency-graph';
import { listProjectContainers } from './project-containers';
import { statusCodeOf } from './project-resources';

export interface DownResult {
  project: string;
  containers: string[];
  networks: string[];
  volumesRemoved: string[];
  volumesKept: string[];
}

/**
 * `parity down`: stops and removes the project's containers, then its networks, all found by their
 * compose labels, so it needs neither the compose file nor any state of ours. Dependents stop before what
 * they depend on (read from each container's depends_on label), each wave in parallel. Named volumes hold
 * the developer's data and are kept unless `volumes` is asked for.
 */
export async function downStack(
  engine: DockerEngine,
  project: string,
  options: { volumes: boolean },
): Promise<DownResult> {
  const containers = await listProjectContainers(engine, project);
  const byService = new Map(containers.map((container) => [container.service, container]));
  const edges: DependencyEdge[] = containers.flatMap((container) =>
    parseDependsOnLabel(container.dependsOn).map((dependency) => ({
      service: container.service,
      dependency: dependency.service,
      condition: dependency.condition,
    })),
  );
  for (const wave of stopWaves([...byService.keys()], edges)) {
    await Promise.all(
      containers
        .filter((container) => wave.includes(container.service))
        .map((container) => retireContainer(engine, container.id, { volumes: options.volumes })),
    );
  }

  const networks = await engine.client.listNetworks({ filters: projectFilter(project) });
  await Promise.all(
    networks.map((network) => engine.client.getNetwork(network.Id).remove().catch(ignoreGone)),
  );

  // `parity down --volumes` saves every volume into a baseline before it calls this (commands/down.ts).
  const { Volumes: volumes } = await engine.client.listVolumes({ filters: projectFilter(project) });
  const names = (volumes ?? []).map((volume) => volume.Name).sort();
  if (options.volumes)
    await Promise.all(names.map((name) => engine.client.getVolume(name).remove().catch(ignoreGone)));

  return {
    project,
    containers: containers.map((container) => container.name).sort(),
    networks: networks.map((network) => network.Name).sort(),
    volumesRemoved: options.volumes ? names : [],
    volumesKept: options.volumes ? [] : names,
  };
}

function ignoreGone(error: unknown): void {
  if (statusCodeOf(error) !== 404) throw error;
}

import type { ContainerInfo } from 'dockerode';
import type { ComposeModel } from '../compose/model';
import type { DockerEngine } from '../engine/docker-engine';
import { LABEL } from './compose-labels';

/** A container of the project as the engine lists it, reduced to what `up` and `down` decide on. */
export interface ProjectContainer {
  id: string;
  name: string;
  service: string;
  state: string;
  configHash: string;
  /** The image the container was created from (sha256:…); a service whose image now names another is recreated. */
  imageId: string;
  dependsOn: string | undefined;
}

/** The project's stack containers (never one-off `run` containers), found by label, not by name. */
export async function listProjectContainers(
  engine: DockerEngine,
  project: string,
): Promise<ProjectContainer[]> {
  const found = await engine.client.listContainers({
    all: true,
    filters: { label: [`${LABEL.project}=${project}`, `${LABEL.oneoff}=False`] },
  });
  return found.map(toProjectContainer);
}

export interface ExistingStack {
  byService: Map<string, ProjectContainer>;
  /** Containers of services the file no longer has (and not merely disabled by a profile). */
  orphans: ProjectContainer[];
}

export function matchToModel(containers: readonly ProjectContainer[], model: ComposeModel): ExistingStack {
  const byService = new Map<string, ProjectContainer>();
  const orphans: ProjectContainer[] = [];
  for (const container of containers) {
    if (Object.hasOwn(model.services, container.service)) {
      // With a scale of one per service, a second match can only be a leftover: keep the running one.
      const seen = byService.get(container.service);
      if (!seen || (seen.state !== 'running' && container.state === 'running'))
        byService.set(container.service, container);
    } else if (!model.disabledServices.includes(container.service)) {
      orphans.push(container);
    }
  }
  return { byService, orphans };
}

function toProjectContainer(info: ContainerInfo): ProjectContainer {
  return {
    id: info.Id,
    name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
    service: info.Labels[LABEL.service] ?? '',
    state: info.State,
    configHash: info.Labels[LABEL.configHash] ?? '',
    imageId: info.ImageID,
    dependsOn: info.Labels[LABEL.dependsOn],
  };
}

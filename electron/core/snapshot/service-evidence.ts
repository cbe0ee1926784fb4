import type { ServiceEvidence } from '../../../shared/snapshot-schema';
import type { ContainerFacts, ImageFacts } from './container-facts';

/** One service's evidence from facts both sides gather the same way. */
export function serviceEvidence(
  container: ContainerFacts,
  image: ImageFacts | undefined,
  env: Record<string, string>,
  runtimes: Record<string, string>,
): ServiceEvidence {
  return {
    container: container.name,
    state: container.state.status,
    health: container.state.health,
    lastProbes: container.state.probes,
    restartCount: container.restartCount,
    image: {
      reference: container.image,
      id: container.imageId,
      repoDigests: image?.repoDigests ?? [],
      platform: image?.platform ?? '',
    },
    configHash: container.labels['com.docker.compose.config-hash'] ?? null,
    env,
    runtimes,
  };
}

/** The compose service a container belongs to, or undefined for a one-off or foreign container. */
export function serviceOf(container: ContainerFacts, project: string): string | undefined {
  if (container.labels['com.docker.compose.project'] !== project) return undefined;
  if (container.labels['com.docker.compose.oneoff'] === 'True') return undefined;
  return container.labels['com.docker.compose.service'];
}

import type { ComposeService, DependencyCondition } from '../compose/model';

/**
 * The labels `docker compose` puts on what it creates. Writing the same ones is what makes a stack Parity
 * started show up in `docker compose ps`, Docker Desktop and every tool that groups containers by project;
 * it is also how `parity down` and the next `parity up` find them again without any state of our own.
 */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  configHash: 'com.docker.compose.config-hash',
  oneoff: 'com.docker.compose.oneoff',
  version: 'com.docker.compose.version',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  dependsOn: 'com.docker.compose.depends_on',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/**
 * The Compose version whose labels and naming we reproduce. Tools read this label as "which Compose made
 * it", so it names the behaviour we follow (the same value the lab's staging deploy writes).
 */
export const COMPOSE_LABEL_VERSION = '2.20.0';

/** Where the project came from, as Compose records it on every container. */
export interface ProjectOrigin {
  name: string;
  /** The folder holding the compose file. */
  workingDir: string;
  /** Absolute compose file paths. */
  configFiles: readonly string[];
}

export function containerLabels(
  project: ProjectOrigin,
  service: ComposeService,
  configHash: string,
): Record<string, string> {
  return {
    // The service's own labels first: Compose's labels must win so a file cannot hide a container.
    ...service.labels,
    [LABEL.project]: project.name,
    [LABEL.service]: service.name,
    [LABEL.containerNumber]: '1',
    [LABEL.configHash]: configHash,
    [LABEL.oneoff]: 'False',
    [LABEL.version]: COMPOSE_LABEL_VERSION,
    [LABEL.workingDir]: project.workingDir,
    [LABEL.configFiles]: project.configFiles.join(','),
    [LABEL.dependsOn]: dependsOnLabel(service),
  };
}

export function resourceLabels(
  project: string,
  kind: 'network' | 'volume',
  key: string,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  return {
    ...own,
    [LABEL.project]: project,
    [kind === 'network' ? LABEL.network : LABEL.volume]: key,
    [LABEL.version]: COMPOSE_LABEL_VERSION,
  };
}

/** Compose's `db:service_healthy:false,…`: lets `down` stop dependents first without the compose file. */
export function dependsOnLabel(service: ComposeService): string {
  return Object.entries(service.dependsOn)
    .map(([name, dependency]) => `${name}:${dependency.condition}:${String(dependency.restart)}`)
    .join(',');
}

export function parseDependsOnLabel(
  text: string | undefined,
): { service: string; condition: DependencyCondition }[] {
  if (text === undefined || text === '') return [];
  return text.split(',').flatMap((entry) => {
    const [service, condition] = entry.split(':');
    if (!service || !isCondition(condition)) return [];
    return [{ service, condition }];
  });
}

/** The filter that finds a project's objects on the engine; one-off `run` containers are not the stack. */
export function projectFilter(project: string): { label: string[] } {
  return { label: [`${LABEL.project}=${project}`] };
}

export function containerNameOf(project: string, service: ComposeService | string): string {
  if (typeof service !== 'string' && service.containerName !== null) return service.containerName;
  return `${project}-${typeof service === 'string' ? service : service.name}-1`;
}

function isCondition(value: string | undefined): value is DependencyCondition {
  return (
    value === 'service_started' || value === 'service_healthy' || value === 'service_completed_successfully'
  );
}

import type { ContainerCreateOptions, EndpointSettings, HostConfig, MountSettings } from 'dockerode';
import type { ComposeModel, ComposeService, Healthcheck } from '../compose/model';
import { ParityError } from '../parity-error';
import { containerLabels, containerNameOf, type ProjectOrigin } from './compose-labels';
import { shellWords } from './shell-words';

/** A network joined after create: the Engine takes only one in the create call before API 1.44. */
export interface ExtraNetwork {
  network: string;
  endpoint: EndpointSettings;
}

export interface ContainerPlan {
  name: string;
  create: ContainerCreateOptions;
  connect: ExtraNetwork[];
}

/**
 * A resolved compose service in the Engine API's own terms, the way `docker compose up` would create it.
 * Pure: the same model always gives the same request, which is what the config-hash label relies on.
 */
export function containerPlan(
  model: ComposeModel,
  origin: ProjectOrigin,
  service: ComposeService,
  configHash: string,
): ContainerPlan {
  if (service.image === null) {
    throw new ParityError(
      'invalid-request',
      `The ${service.name} service has no image: Parity runs images and does not build them yet.`,
      `Build it once (docker build -t NAME ${service.build?.context ?? '.'}) and set image: NAME in the compose file.`,
    );
  }
  const name = containerNameOf(model.name, service);
  const networks = endpointsOf(model, service);
  const [first, ...rest] = networks;
  const create: ContainerCreateOptions = {
    name,
    Image: service.image,
    Env: Object.entries(service.environment).map(([key, value]) => `${key}=${value}`),
    Labels: containerLabels(origin, service, configHash),
    ExposedPorts: Object.fromEntries(service.ports.map((port) => [`${port.target}/${port.protocol}`, {}])),
    HostConfig: hostConfigOf(model, service, first?.network),
    ...(first === undefined
      ? {}
      : { NetworkingConfig: { EndpointsConfig: { [first.network]: first.endpoint } } }),
    ...(service.command === null ? {} : { Cmd: argv(service.command, service.name, 'command') }),
    ...(service.entrypoint === null
      ? {}
      : { Entrypoint: argv(service.entrypoint, service.name, 'entrypoint') }),
    ...(service.user === null ? {} : { User: service.user }),
    ...(service.workingDir === null ? {} : { WorkingDir: service.workingDir }),
    ...(service.healthcheck === null ? {} : { Healthcheck: healthConfigOf(service.healthcheck) }),
    // dockerode sends every option as a query parameter too; `platform` is the one the Engine reads there.
    ...(service.platform === null ? {} : { platform: service.platform }),
  };
  return { name, create, connect: rest };
}

function hostConfigOf(model: ComposeModel, service: ComposeService, network: string | undefined): HostConfig {
  const binds: string[] = [];
  const mounts: MountSettings[] = [];
  for (const volume of service.volumes) {
    if (volume.type === 'bind' && volume.source !== null) {
      // Binds (not Mounts) so a missing host folder is created, as `docker compose` and `docker run -v` do.
      binds.push(`${volume.source}:${volume.target}${volume.readOnly ? ':ro' : ''}`);
    } else if (volume.type === 'volume') {
      // An empty source is how the Engine spells an anonymous volume.
      const source = volume.source === null ? '' : (model.volumes[volume.source]?.name ?? volume.source);
      mounts.push({ Type: 'volume', Source: source, Target: volume.target, ReadOnly: volume.readOnly });
    } else if (volume.type === 'tmpfs') {
      mounts.push({ Type: 'tmpfs', Source: '', Target: volume.target, ReadOnly: volume.readOnly });
    }
  }
  const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of service.ports) {
    const key = `${port.target}/${port.protocol}`;
    (portBindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.published ?? '' });
  }
  return {
    Binds: binds,
    Mounts: mounts,
    PortBindings: portBindings,
    RestartPolicy: restartPolicyOf(service.restart),
    NetworkMode: networkModeOf(model, service, network),
    ...(service.resources.nanoCpus === null ? {} : { NanoCpus: service.resources.nanoCpus }),
    ...(service.resources.memoryBytes === null ? {} : { Memory: service.resources.memoryBytes }),
  };
}

/** Compose joins the service's networks by name; the service name is always an alias, so `db:5432` works. */
function endpointsOf(model: ComposeModel, service: ComposeService): ExtraNetwork[] {
  if (service.networkMode !== null) return [];
  return Object.keys(service.networks)
    .sort()
    .map((key) => {
      const options = service.networks[key];
      const engineName = model.networks[key]?.name ?? key;
      const ipam = {
        ...(options?.ipv4Address ? { IPv4Address: options.ipv4Address } : {}),
        ...(options?.ipv6Address ? { IPv6Address: options.ipv6Address } : {}),
      };
      return {
        network: engineName,
        endpoint: {
          Aliases: [service.name, ...(options?.aliases ?? [])],
          ...(Object.keys(ipam).length > 0 ? { IPAMConfig: ipam } : {}),
        },
      };
    });
}

function networkModeOf(model: ComposeModel, service: ComposeService, network: string | undefined): string {
  const mode = service.networkMode;
  if (mode === null) return network ?? 'default';
  // `service:db` means "share db's network stack"; the Engine knows containers, so name db's container.
  if (mode.startsWith('service:')) {
    const target = mode.slice('service:'.length);
    const targetService = model.services[target];
    return `container:${containerNameOf(model.name, targetService ?? target)}`;
  }
  return mode;
}

function restartPolicyOf(restart: string | null): { Name: string; MaximumRetryCount?: number } {
  if (restart === null || restart === 'no') return { Name: 'no' };
  const onFailure = /^on-failure(?::(\d+))?$/.exec(restart);
  if (onFailure) {
    return { Name: 'on-failure', ...(onFailure[1] ? { MaximumRetryCount: Number(onFailure[1]) } : {}) };
  }
  return { Name: restart };
}

/** The model keeps nanoseconds already; null leaves a setting to the image's own HEALTHCHECK. */
function healthConfigOf(check: Healthcheck): NonNullable<ContainerCreateOptions['Healthcheck']> {
  return {
    Test: check.test ?? [],
    ...(check.interval === null ? {} : { Interval: check.interval }),
    ...(check.timeout === null ? {} : { Timeout: check.timeout }),
    ...(check.startPeriod === null ? {} : { StartPeriod: check.startPeriod }),
    // Engines before API 1.44 ignore StartInterval; sending it costs nothing there.
    ...(check.startInterval === null ? {} : { StartInterval: check.startInterval }),
    ...(check.retries === null ? {} : { Retries: check.retries }),
  };
}

function argv(value: string | string[], service: string, key: string): string[] {
  if (Array.isArray(value)) return value;
  try {
    return shellWords(value);
  } catch (error) {
    throw new ParityError(
      'invalid-request',
      `The ${key} of ${service} cannot be split into arguments: ${(error as Error).message}.`,
      'Close the quote, or write the command as a list.',
    );
  }
}

import type { Diagnostics } from './diagnostics';
import { dependencyEntries } from './depends-on';
import { envFileRefs, readEnvFiles } from './env-files';
import { normaliseHealthcheck } from './healthcheck';
import type { VariableLookup } from './interpolate';
import type { KeyPath } from './key-path';
import { listOrDictToMap } from './list-or-dict';
import type {
  ComposeBuild,
  ComposeService,
  Dependency,
  PortMapping,
  ResourceLimits,
  ServiceNetwork,
  VolumeMount,
} from './model';
import { setOwn } from './own-property';
import { parsePortLong, parsePortShort, PortSpecError } from './ports';
import type { RawService } from './raw-compose';
import { parseByteSize, parseNanoCpus } from './resource-units';
import type { TextFile } from './text-files';
import { parseVolumeLong, parseVolumeShort, resolveHostPath, VolumeSpecError } from './volumes';

/** What a service needs from the project around it. */
export interface ServiceContext {
  projectDir: string;
  /** The project environment: the env Parity was given, over the .env file. */
  lookup: VariableLookup;
  files: ReadonlyMap<string, TextFile>;
  declaredVolumes: ReadonlySet<string>;
  declaredNetworks: ReadonlySet<string>;
  diagnostics: Diagnostics;
}

const RESTART = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;
const REMOTE_CONTEXT = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/|github\.com\/)/;

/** One service in Parity's terms. Problems go to diagnostics; the result stays whole for later checks. */
export function normaliseService(name: string, raw: RawService, context: ServiceContext): ComposeService {
  const path: KeyPath = ['services', name];
  const { diagnostics } = context;
  if (raw.image === undefined && raw.build === undefined) {
    diagnostics.problem(
      path,
      `\`${name}\` has neither \`image\` nor \`build\`, so there is nothing to run`,
      'key',
    );
  }
  if (raw.network_mode !== undefined && raw.networks !== undefined) {
    diagnostics.problem([...path, 'network_mode'], '`network_mode` and `networks` cannot be used together');
  }
  if (raw.restart !== undefined && !RESTART.test(raw.restart)) {
    diagnostics.problem(
      [...path, 'restart'],
      `must be no, always, on-failure[:N] or unless-stopped, not ${JSON.stringify(raw.restart)}`,
    );
  }
  const dependsOn: Record<string, Dependency> = {};
  for (const entry of dependencyEntries(raw.depends_on, path)) {
    setOwn(dependsOn, entry.service, entry.dependency);
    // Said by name rather than dropped: a dependent left running against a recreated dependency is
    // exactly the kind of difference nobody would see.
    if (entry.dependency.restart) {
      diagnostics.warn(
        [...entry.keyPath, 'restart'],
        `\`restart: true\` is not supported by Parity yet: when ${entry.service} is recreated, Parity does not ` +
          `restart ${name}; restart it yourself (docker restart) after such an up`,
      );
    }
  }

  return {
    name,
    image: raw.image ?? null,
    build: buildOf(raw, path, context),
    command: raw.command ?? null,
    entrypoint: raw.entrypoint ?? null,
    environment: environmentOf(raw, path, context),
    ports: portsOf(raw, path, diagnostics),
    volumes: volumesOf(raw, path, context),
    networks: networksOf(raw, path, context),
    networkMode: raw.network_mode ?? null,
    labels: listOrDictToMap(raw.labels, () => ''),
    healthcheck: normaliseHealthcheck(raw.healthcheck, [...path, 'healthcheck'], diagnostics),
    restart: raw.restart ?? null,
    user: raw.user ?? null,
    workingDir: raw.working_dir ?? null,
    platform: raw.platform ?? null,
    containerName: raw.container_name ?? null,
    resources: resourcesOf(raw, path, diagnostics),
    dependsOn,
    profiles: raw.profiles ?? [],
  };
}

function buildOf(raw: RawService, path: KeyPath, context: ServiceContext): ComposeBuild | null {
  if (raw.build === undefined) return null;
  const spec = typeof raw.build === 'string' ? { context: raw.build } : raw.build;
  const written = spec.context ?? '.';
  let resolved = written;
  if (!REMOTE_CONTEXT.test(written)) {
    try {
      resolved = resolveHostPath(written, context.projectDir, context.lookup('HOME'));
    } catch (error) {
      if (!(error instanceof VolumeSpecError)) throw error;
      context.diagnostics.problem([...path, 'build'], error.message);
    }
  }
  return {
    context: resolved,
    dockerfile: spec.dockerfile ?? 'Dockerfile',
    args: listOrDictToMap(spec.args, context.lookup),
    target: spec.target ?? null,
  };
}

/** env_file first, then `environment` over it; a bare key comes from the project environment. */
function environmentOf(raw: RawService, path: KeyPath, context: ServiceContext): Record<string, string> {
  const fromFiles = readEnvFiles(
    envFileRefs(raw.env_file, path, context.projectDir),
    context.files,
    context.lookup,
    context.diagnostics,
  );
  const unresolved: string[] = [];
  const explicit = listOrDictToMap(raw.environment, (key) => {
    const value = context.lookup(key);
    if (value === undefined) unresolved.push(key);
    return value;
  });
  const environment = { ...fromFiles, ...explicit };
  for (const key of unresolved) {
    if (Object.hasOwn(environment, key)) continue;
    context.diagnostics.warn(
      [...path, 'environment', key],
      `${key} has no value here and is not set in the environment, so the container does not get it`,
    );
  }
  return environment;
}

function portsOf(raw: RawService, path: KeyPath, diagnostics: Diagnostics): PortMapping[] {
  return (raw.ports ?? []).flatMap((entry, index) => {
    try {
      return typeof entry === 'object' ? [parsePortLong(entry)] : parsePortShort(entry);
    } catch (error) {
      if (!(error instanceof PortSpecError)) throw error;
      diagnostics.problem([...path, 'ports', index], error.message);
      return [];
    }
  });
}

function volumesOf(raw: RawService, path: KeyPath, context: ServiceContext): VolumeMount[] {
  const mounts: VolumeMount[] = [];
  (raw.volumes ?? []).forEach((entry, index) => {
    const entryPath = [...path, 'volumes', index];
    try {
      const mount = typeof entry === 'string' ? parseVolumeShort(entry) : parseVolumeLong(entry);
      if (mount === null) {
        const type = typeof entry === 'string' ? entry : entry.type;
        context.diagnostics.warn(
          entryPath,
          `volume type \`${type}\` is not supported by Parity yet: this mount is left out`,
        );
        return;
      }
      if (mount.type === 'bind' && mount.source !== null) {
        mount.source = resolveHostPath(mount.source, context.projectDir, context.lookup('HOME'));
      }
      if (mount.type === 'volume' && mount.source !== null && !context.declaredVolumes.has(mount.source)) {
        context.diagnostics.problem(
          entryPath,
          `uses the volume \`${mount.source}\`, which is not declared under the top-level \`volumes:\``,
        );
      }
      mounts.push(mount);
    } catch (error) {
      if (!(error instanceof VolumeSpecError)) throw error;
      context.diagnostics.problem(entryPath, error.message);
    }
  });
  return mounts;
}

function networksOf(raw: RawService, path: KeyPath, context: ServiceContext): Record<string, ServiceNetwork> {
  const plain = (): ServiceNetwork => ({ aliases: [], ipv4Address: null, ipv6Address: null });
  if (raw.networks === undefined) return raw.network_mode === undefined ? { default: plain() } : {};
  const entries: [string, ServiceNetwork, KeyPath][] = Array.isArray(raw.networks)
    ? raw.networks.map((network, index) => [network, plain(), [...path, 'networks', index]])
    : Object.entries(raw.networks).map(([network, options]) => [
        network,
        {
          aliases: options?.aliases ?? [],
          ipv4Address: options?.ipv4_address ?? null,
          ipv6Address: options?.ipv6_address ?? null,
        },
        [...path, 'networks', network],
      ]);
  const networks: Record<string, ServiceNetwork> = {};
  for (const [network, options, keyPath] of entries) {
    if (network !== 'default' && !context.declaredNetworks.has(network)) {
      context.diagnostics.problem(
        keyPath,
        `joins the network \`${network}\`, which is not declared under the top-level \`networks:\``,
      );
    }
    setOwn(networks, network, options);
  }
  return networks;
}

function resourcesOf(raw: RawService, path: KeyPath, diagnostics: Diagnostics): ResourceLimits {
  const limits = raw.deploy?.resources?.limits;
  const limitsPath = [...path, 'deploy', 'resources', 'limits'];
  const nanoCpus = limits?.cpus === undefined ? null : (parseNanoCpus(limits.cpus) ?? null);
  if (limits?.cpus !== undefined && nanoCpus === null) {
    diagnostics.problem(
      [...limitsPath, 'cpus'],
      `${JSON.stringify(limits.cpus)} is not a number of CPUs (like 0.5 or 2)`,
    );
  }
  const memoryBytes = limits?.memory === undefined ? null : (parseByteSize(limits.memory) ?? null);
  if (limits?.memory !== undefined && memoryBytes === null) {
    diagnostics.problem(
      [...limitsPath, 'memory'],
      `${JSON.stringify(limits.memory)} is not a size (like 512m or 1g)`,
    );
  }
  return { nanoCpus, memoryBytes };
}

import type Docker from 'dockerode';
import type { ContainerCreateOptions, MountSettings } from 'dockerode';
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { dependencies, loadCompose, readDotenv, startOrder } from './compose-file.js';
import type { ComposeFile, ComposeHealthcheck, ComposeService } from './compose-file.js';
import { configHash } from './compose-hash.js';
import { drainProgress } from './images.js';
import { syncFile, syncTree } from './sync-tree.js';

export const STAGING_PROJECT = 'parity-lab';
export const COMPOSE_VERSION = '2.20.0';
const HEALTHY_TIMEOUT_MS = 90_000;

/**
 * What was "deployed" to staging: the workspace's compose file without published ports
 * (staging publishes nothing), its seed scripts, and a .env from the template.
 */
export function writeStagingProject(projectDir: string, workspaceDir: string): void {
  mkdirSync(projectDir, { recursive: true });
  const compose = parse(readFileSync(join(workspaceDir, 'docker-compose.yml'), 'utf8')) as ComposeFile;
  for (const service of Object.values(compose.services)) delete service.ports;
  syncFile(join(projectDir, 'docker-compose.yml'), stringify(compose));
  syncFile(join(projectDir, '.env'), readFileSync(join(workspaceDir, '.env.example'), 'utf8'));
  syncTree(join(workspaceDir, 'seed'), join(projectDir, 'seed'));
}

const UNIT_NS: Record<string, number> = { h: 3_600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3, ns: 1 };

function nanoseconds(duration: string | undefined): number | undefined {
  if (duration === undefined) return undefined;
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g))
    total += Number(amount) * (UNIT_NS[unit ?? 's'] ?? 0);
  return Math.round(total);
}

function healthcheck(check: ComposeHealthcheck | undefined): ContainerCreateOptions['Healthcheck'] {
  if (check === undefined) return undefined;
  return {
    Test: typeof check.test === 'string' ? ['CMD-SHELL', check.test] : check.test,
    Interval: nanoseconds(check.interval),
    Timeout: nanoseconds(check.timeout),
    StartPeriod: nanoseconds(check.start_period),
    Retries: check.retries,
  };
}

function environment(service: ComposeService): string[] {
  const env = service.environment;
  if (env === undefined) return [];
  if (Array.isArray(env)) return env;
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}

function mounts(service: ComposeService, projectDir: string): MountSettings[] {
  return (service.volumes ?? []).map((spec) => {
    const [source = '', target = '', mode] = spec.split(':');
    const isBind = source.startsWith('.') || isAbsolute(source);
    return {
      Type: isBind ? 'bind' : 'volume',
      Source: isBind ? resolve(projectDir, source) : `${STAGING_PROJECT}_${source}`,
      Target: target,
      ReadOnly: mode === 'ro',
    };
  });
}

async function exists(inspect: () => Promise<unknown>): Promise<boolean> {
  return inspect().then(
    () => true,
    (error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    },
  );
}

const projectLabels = {
  'com.docker.compose.project': STAGING_PROJECT,
  'com.docker.compose.version': COMPOSE_VERSION,
};

async function ensureNetwork(docker: Docker, name: string): Promise<void> {
  if (await exists(() => docker.getNetwork(name).inspect())) return;
  await docker.createNetwork({
    Name: name,
    Driver: 'bridge',
    Labels: { ...projectLabels, 'com.docker.compose.network': 'default' },
  });
}

async function ensureVolume(docker: Docker, volume: string): Promise<void> {
  const name = `${STAGING_PROJECT}_${volume}`;
  if (await exists(() => docker.getVolume(name).inspect())) return;
  await docker.createVolume({
    Name: name,
    Labels: { ...projectLabels, 'com.docker.compose.volume': volume },
  });
}

async function ensureImage(docker: Docker, ref: string): Promise<string> {
  const image = docker.getImage(ref);
  if (!(await exists(() => image.inspect()))) await drainProgress(await docker.pull(ref));
  const { Id } = await image.inspect();
  return Id;
}

async function waitHealthy(docker: Docker, name: string, log: string): Promise<void> {
  const deadline = Date.now() + HEALTHY_TIMEOUT_MS;
  for (;;) {
    const { State } = await docker.getContainer(name).inspect();
    const status = State.Health?.Status;
    if (status === 'healthy' || (status === undefined && State.Running)) return;
    if (!State.Running || Date.now() > deadline) {
      const last = State.Health?.Log?.at(-1)?.Output?.trim() ?? '';
      throw new Error(
        `staging container ${name} is ${State.Running ? status : State.Status} after ${HEALTHY_TIMEOUT_MS / 1000}s (last check: ${last || 'none'}); see \`docker logs ${name}\` on the staging engine and ${log}`,
      );
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

/**
 * A docker compose up, done through the Engine API so the staging engine needs no compose plugin:
 * same names and com.docker.compose.* labels that compose 2.20 writes. Running containers are left alone.
 */
export async function deployStagingStack(
  docker: Docker,
  projectDir: string,
  engineLog: string,
): Promise<Record<string, string>> {
  const composeFile = join(projectDir, 'docker-compose.yml');
  const compose = loadCompose(composeFile, readDotenv(join(projectDir, '.env')));
  const network = `${STAGING_PROJECT}_default`;
  await ensureNetwork(docker, network);
  for (const volume of Object.keys(compose.volumes ?? {})) await ensureVolume(docker, volume);

  const containers: Record<string, string> = {};
  for (const serviceName of startOrder(compose)) {
    const service = compose.services[serviceName];
    if (!service) continue;
    const name = `${STAGING_PROJECT}-${serviceName}-1`;
    containers[serviceName] = name;
    const deps = dependencies(service);
    for (const [dep, condition] of Object.entries(deps)) {
      const depName = `${STAGING_PROJECT}-${dep}-1`;
      if (condition === 'service_healthy') await waitHealthy(docker, depName, engineLog);
    }
    const container = docker.getContainer(name);
    if (!(await exists(() => container.inspect()))) {
      const imageId = await ensureImage(docker, service.image);
      await docker.createContainer({
        name,
        Image: service.image,
        Env: environment(service),
        Cmd: typeof service.command === 'string' ? ['/bin/sh', '-c', service.command] : service.command,
        Healthcheck: healthcheck(service.healthcheck),
        Labels: {
          ...projectLabels,
          'com.docker.compose.service': serviceName,
          'com.docker.compose.container-number': '1',
          'com.docker.compose.oneoff': 'False',
          'com.docker.compose.config-hash': configHash(service),
          'com.docker.compose.image': imageId,
          'com.docker.compose.project.working_dir': projectDir,
          'com.docker.compose.project.config_files': composeFile,
          'com.docker.compose.depends_on': Object.entries(deps)
            .map(([dep, condition]) => `${dep}:${condition}:false`)
            .join(','),
        },
        HostConfig: { Mounts: mounts(service, projectDir), NetworkMode: network },
        NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [name, serviceName] } } },
      });
    }
    const { State } = await container.inspect();
    if (!State.Running) await container.start();
  }
  for (const name of Object.values(containers)) await waitHealthy(docker, name, engineLog);
  return containers;
}

/** Removes everything compose-labelled parity-lab on one engine: containers, then networks and volumes. */
export async function removeProject(docker: Docker): Promise<number> {
  const filters = { label: [`com.docker.compose.project=${STAGING_PROJECT}`] };
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((info) => docker.getContainer(info.Id).remove({ force: true, v: true })));
  const networks = await docker.listNetworks({ filters });
  for (const net of networks) await docker.getNetwork(net.Id).remove();
  const { Volumes } = await docker.listVolumes({ filters });
  for (const volume of Volumes ?? []) await docker.getVolume(volume.Name).remove();
  return containers.length;
}

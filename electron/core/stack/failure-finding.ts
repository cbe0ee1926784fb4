import type { ComposeModel } from '../compose/model';
import type { DockerEngine } from '../engine/docker-engine';
import type { Finding } from '../host/finding';
import { findPortHolder } from '../host/port-holder';
import { DISK_CLEANUP_COMMANDS } from '../host/resource-findings';
import { quoteArg } from '../staging/shell-quote';
import type { StackFailure, UpResult } from './stack-events';

/** What a failed `parity up` was, in the finding shape the doctor and `parity pull` print. */
export type StackFindingKind =
  | 'service.restarting'
  | 'service.exited'
  | 'service.unhealthy'
  | 'service.no-healthcheck'
  | 'service.start-refused'
  | 'host.port-taken'
  | 'host.disk-low';

export interface StackFinding extends Omit<Finding, 'kind'> {
  kind: StackFindingKind;
}

/** Compose's restart policies that bring a crashed container back: with one, a crash becomes a loop. */
const RESTARTING_POLICIES = new Set(['always', 'unless-stopped', 'on-failure']);

/**
 * Turns the reason an `up` stopped into a finding with its remediation: the kind, a sentence naming the
 * service, and the exact commands that show or fix it. Asks the engine (restart policy, who publishes a
 * port) and this machine (who listens on it) for what the failure's own words leave out; each of those
 * looks is best effort, so a finding is always returned for a failure.
 */
export async function failureFinding(
  engine: DockerEngine,
  model: ComposeModel,
  result: Omit<UpResult, 'finding'>,
): Promise<StackFinding | null> {
  const failure = result.failure;
  if (failure === null || result.outcome !== 'failed') return null;
  const containerId = result.services[failure.service]?.containerId ?? null;
  switch (failure.reason) {
    case 'exited':
      return exitedFinding(engine, failure, containerId);
    case 'unhealthy':
      return unhealthyFinding(engine, failure, containerId);
    case 'no-healthcheck':
      return {
        kind: 'service.no-healthcheck',
        severity: 'error',
        message: failure.message,
        evidence: { service: failure.service },
        remediation: {
          summary: `Give ${failure.service} a healthcheck in the compose file (services.${failure.service}.healthcheck), or let its dependents wait for condition: service_started instead. Then run parity up again.`,
          commands: ['npx parity up'],
        },
      };
    case 'engine-error':
      return (
        (await portTakenFinding(engine, model, failure)) ??
        (await diskFullFinding(engine, failure)) ?? {
          kind: 'service.start-refused',
          severity: 'error',
          message: failure.message,
          evidence: { service: failure.service },
          remediation: {
            summary:
              'The engine refused the request; its reason is in the message. Fix that (see the engine log if it is not clear), then run parity up again.',
            commands: ['docker info', 'npx parity up'],
          },
        }
      );
  }
}

async function containerName(engine: DockerEngine, containerId: string | null, service: string) {
  if (containerId === null) return { name: `<${service} container>`, policy: '', restarts: 0 };
  const info = await engine.client
    .getContainer(containerId)
    .inspect()
    .catch(() => null);
  return {
    name: info?.Name.replace(/^\//, '') ?? containerId.slice(0, 12),
    policy: info?.HostConfig.RestartPolicy?.Name ?? '',
    restarts: info?.RestartCount ?? 0,
  };
}

async function exitedFinding(
  engine: DockerEngine,
  failure: StackFailure,
  containerId: string | null,
): Promise<StackFinding> {
  const { name, policy, restarts } = await containerName(engine, containerId, failure.service);
  const code = failure.exitCode ?? -1;
  const logs = `docker logs --tail 100 ${quoteArg(name)}`;
  if (code !== 0 && RESTARTING_POLICIES.has(policy)) {
    return {
      kind: 'service.restarting',
      severity: 'error',
      message: `${failure.service} crash-loops: it exited with code ${code} and the engine keeps restarting it (restart: ${policy}).`,
      evidence: {
        service: failure.service,
        container: name,
        exitCode: code,
        restartPolicy: policy,
        restarts,
      },
      remediation: {
        summary: `Read why ${failure.service} crashes in its logs, fix its command or configuration, then run parity up again. Stop the loop meanwhile with docker stop.`,
        commands: [logs, `docker stop ${quoteArg(name)}`],
      },
    };
  }
  return {
    kind: 'service.exited',
    severity: 'error',
    message: failure.message,
    evidence: { service: failure.service, container: name, exitCode: code },
    remediation: {
      summary: `Read why ${failure.service} stopped in its logs, fix its command or configuration, then run parity up again.`,
      commands: [logs, 'npx parity up'],
    },
  };
}

async function unhealthyFinding(
  engine: DockerEngine,
  failure: StackFailure,
  containerId: string | null,
): Promise<StackFinding> {
  const { name } = await containerName(engine, containerId, failure.service);
  const last = failure.lastProbes.at(-1);
  const said =
    last === undefined ? '' : ` The last probe exited ${last.exitCode}: "${last.output.slice(0, 200)}".`;
  return {
    kind: 'service.unhealthy',
    severity: 'error',
    message: `${failure.message}${said}`,
    evidence: {
      service: failure.service,
      container: name,
      failedProbes: failure.lastProbes.filter((probe) => probe.exitCode !== 0).length,
      lastProbeOutput: last?.output.slice(0, 200) ?? '',
    },
    remediation: {
      summary: `Its healthcheck keeps failing: read the probe outputs and its logs, fix what the probe tests (or services.${failure.service}.healthcheck in the compose file), then run parity up again.`,
      commands: [
        `docker inspect --format '{{json .State.Health}}' ${quoteArg(name)}`,
        `docker logs --tail 50 ${quoteArg(name)}`,
      ],
    },
  };
}

/** The engine's two wordings: another container publishes it, or its proxy could not bind it. */
const PORT_IN_USE =
  /(?:Bind for|listen tcp[46]?) (\S*):(\d+)(?::| failed)[^]*(?:port is already allocated|address already in use)/;

async function portTakenFinding(
  engine: DockerEngine,
  model: ComposeModel,
  failure: StackFailure,
): Promise<StackFinding | null> {
  const match = PORT_IN_USE.exec(failure.message);
  if (match === null) return null;
  const hostIp = match[1] ?? '';
  const port = Number(match[2]);
  const address = `${hostIp === '' || hostIp === '0.0.0.0' ? '' : `${hostIp}:`}${port}`;
  const holder = await whoHolds(engine, port);
  const mapping = model.services[failure.service]?.ports.find((p) => p.published === String(port));
  const target = mapping === undefined ? '<container port>' : String(mapping.target);
  const change = `or publish ${failure.service} on another host port: in the compose file change services.${failure.service}.ports "${address}:${target}" to a free port, then run parity up again.`;
  return {
    kind: 'host.port-taken',
    severity: 'error',
    message: `${failure.service} could not start: host port ${address} is already taken${holder.by === null ? '' : ` by ${holder.by}`}.`,
    evidence: {
      service: failure.service,
      port,
      hostIp,
      ...(holder.by === null ? {} : { heldBy: holder.by }),
    },
    remediation: {
      summary:
        holder.by === null
          ? `Find what listens on port ${port} and stop it, ${change}`
          : `Stop ${holder.by}, ${change}`,
      commands: [holder.stop, 'npx parity up'],
    },
  };
}

/** A container of this engine publishing the port, else the process listening on it, else how to look. */
async function whoHolds(engine: DockerEngine, port: number): Promise<{ by: string | null; stop: string }> {
  const containers = await engine.client
    .listContainers({ filters: { publish: [String(port)] } })
    .catch(() => []);
  const container = containers[0]?.Names[0]?.replace(/^\//, '');
  if (container !== undefined)
    return { by: `container ${container}`, stop: `docker stop ${quoteArg(container)}` };
  const process = await findPortHolder(port).catch(() => null);
  if (process !== null)
    return { by: `process ${process.pid} (${process.command})`, stop: `kill ${process.pid}` };
  return {
    by: null,
    stop:
      globalThis.process.platform === 'linux'
        ? `ss -ltnp 'sport = :${port}'`
        : `lsof -nP -iTCP:${port} -sTCP:LISTEN`,
  };
}

async function diskFullFinding(engine: DockerEngine, failure: StackFailure): Promise<StackFinding | null> {
  if (!/no space left on device/i.test(failure.message)) return null;
  const root = await engine.client
    .info()
    .then((info: { DockerRootDir?: string }) => info.DockerRootDir ?? '')
    .catch(() => '');
  return {
    kind: 'host.disk-low',
    severity: 'error',
    message: `${failure.service} could not be started: the disk under the engine's data${root === '' ? '' : ` (${root})`} is full.`,
    evidence: { service: failure.service, path: root },
    remediation: {
      summary: `Free space where the engine keeps its data: see what it holds, then remove unused images and build cache. Then run parity up again.`,
      commands: [...DISK_CLEANUP_COMMANDS, 'npx parity up'],
    },
  };
}

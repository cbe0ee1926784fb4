import type { ComposeModel, ComposeService } from '../../electron/core/compose/model';
import { LABEL } from '../../electron/core/stack/compose-labels';
import { dependencyEdges } from '../../electron/core/stack/dependency-graph';
import { quoteArg as quote } from '../../electron/core/staging/shell-quote';

/**
 * The bash that teams write instead of an orchestrator, for the same compose model: create the network
 * and volumes, then level by level `docker run -d` every service of the level and poll `docker inspect`
 * until each is healthy, sleeping `poll` seconds between looks. Starting a whole level before waiting is
 * kinder to the baseline than the one-service-at-a-time scripts most teams have.
 *
 * Everything carries the project label, so the benchmark tears it down with the same `down` as Parity's.
 */
export function bashScriptFor(model: ComposeModel, workspaceDir: string, poll: number): string {
  const project = model.name;
  const projectLabel = `--label ${quote(`${LABEL.project}=${project}`)}`;
  const lines = ['set -euo pipefail', `cd ${quote(workspaceDir)}`];
  for (const network of Object.values(model.networks))
    lines.push(`docker network create ${projectLabel} ${quote(network.name)} >/dev/null`);
  for (const volume of Object.values(model.volumes))
    lines.push(`docker volume create ${projectLabel} ${quote(volume.name)} >/dev/null`);
  lines.push(
    'wait_healthy() {',
    `  until [ "$(docker inspect -f '{{.State.Health.Status}}' "$1")" = healthy ]; do sleep ${poll}; done`,
    '}',
  );
  for (const level of startLevels(model)) {
    for (const name of level) {
      const service = model.services[name];
      if (service) lines.push(runLine(model, service));
    }
    for (const name of level) lines.push(`wait_healthy ${quote(`${project}-${name}-1`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Services grouped by depth in the dependency graph: level 0 waits on nothing. */
export function startLevels(model: ComposeModel): string[][] {
  const edges = dependencyEdges(model);
  const depth = new Map<string, number>();
  const depthOf = (service: string): number => {
    const known = depth.get(service);
    if (known !== undefined) return known;
    const before = edges
      .filter((edge) => edge.service === service)
      .map((edge) => depthOf(edge.dependency) + 1);
    const value = Math.max(0, ...before);
    depth.set(service, value);
    return value;
  };
  const levels: string[][] = [];
  for (const service of Object.keys(model.services)) (levels[depthOf(service)] ??= []).push(service);
  return levels;
}

function runLine(model: ComposeModel, service: ComposeService): string {
  const args = ['docker run -d', `--name ${quote(`${model.name}-${service.name}-1`)}`];
  args.push(
    `--label ${quote(`${LABEL.project}=${model.name}`)}`,
    `--label ${quote(`${LABEL.service}=${service.name}`)}`,
  );
  args.push(`--label ${quote(`${LABEL.oneoff}=False`)}`);
  for (const [network] of Object.entries(service.networks)) {
    args.push(
      `--network ${quote(model.networks[network]?.name ?? network)}`,
      `--network-alias ${quote(service.name)}`,
    );
  }
  for (const [key, value] of Object.entries(service.environment)) args.push(`-e ${quote(`${key}=${value}`)}`);
  for (const volume of service.volumes) {
    const source =
      volume.type === 'volume' && volume.source
        ? (model.volumes[volume.source]?.name ?? volume.source)
        : volume.source;
    if (source !== null)
      args.push(`-v ${quote(`${source}:${volume.target}${volume.readOnly ? ':ro' : ''}`)}`);
  }
  for (const port of service.ports) {
    args.push(
      `-p ${quote(`${port.hostIp ? `${port.hostIp}:` : ''}${port.published ?? ''}:${port.target}/${port.protocol}`)}`,
    );
  }
  const check = service.healthcheck;
  if (check?.test) {
    const [kind, ...rest] = check.test;
    args.push(`--health-cmd ${quote(kind === 'CMD-SHELL' ? (rest[0] ?? '') : rest.join(' '))}`);
  }
  const seconds = (ns: number | null | undefined): string | null => (ns ? `${ns / 1e9}s` : null);
  const flags: [string, string | null][] = [
    ['--health-interval', seconds(check?.interval)],
    ['--health-timeout', seconds(check?.timeout)],
    ['--health-start-period', seconds(check?.startPeriod)],
    ['--health-retries', check?.retries ? String(check.retries) : null],
  ];
  for (const [flag, value] of flags) if (value !== null) args.push(`${flag} ${value}`);
  args.push(quote(service.image ?? ''));
  return `${args.join(' ')} >/dev/null`;
}

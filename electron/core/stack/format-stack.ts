import type { DownResult } from './stack-down';
import type { HealthProbe, StackEvent, UpResult } from './stack-events';

/** One line per event, the service name first and aligned, so a log of a CI run reads as a table. */
export function formatStackEvent(event: StackEvent, width = 10): string {
  const who = event.service.padEnd(width);
  switch (event.kind) {
    case 'pulling':
      return `${who} pulling ${event.image}: ${event.layer} ${event.status}${progressOf(event.current, event.total)}`;
    case 'pulled':
      return `${who} pulled ${event.image}`;
    case 'unchanged':
      return `${who} unchanged, running (${event.containerId.slice(0, 12)})`;
    case 'creating':
      return `${who} creating${event.reason === 'changed' ? ' (its configuration changed: recreating)' : ''}`;
    case 'starting':
      return `${who} starting${event.reason === 'stopped' ? ' (was stopped)' : ''}`;
    case 'waiting-for':
      return `${who} waiting for ${event.dependency} (${event.condition})`;
    case 'started':
      return `${who} started`;
    case 'healthy':
      return `${who} healthy${event.msToHealthy === null ? '' : ` in ${seconds(event.msToHealthy)}`}`;
    case 'exited':
      return `${who} exited with code ${event.code}`;
    case 'unhealthy':
      return `${who} unhealthy`;
    case 'orphan':
      return `${who} orphan container ${event.container}${event.removed ? ' removed' : ' is not in the compose file (remove it with --remove-orphans)'}`;
  }
}

/** The closing lines of `parity up`: the verdict, then the evidence a developer needs to fix a failure. */
export function formatUpResult(result: UpResult): string {
  const services = Object.values(result.services);
  if (result.outcome === 'ready') {
    const detail = services
      .map((service) =>
        service.msToHealthy === null
          ? `${service.service} ${service.action === 'unchanged' ? 'unchanged' : service.health === 'healthy' ? 'healthy' : service.state}`
          : `${service.service} healthy in ${seconds(service.msToHealthy)}`,
      )
      .join(', ');
    return `✔ ${result.project}: ${services.length} service${services.length === 1 ? '' : 's'} ready in ${seconds(result.elapsedMs)} (${detail})\n`;
  }
  const lines = [`✖ ${result.project}: ${result.message}`];
  const failure = result.failure;
  if (failure && failure.lastProbes.length > 0) {
    lines.push(`  last health probes of ${failure.service}:`, ...failure.lastProbes.map(probeLine));
  }
  if (failure && failure.lastLogs.length > 0) {
    lines.push(`  last log lines of ${failure.service}:`, ...failure.lastLogs.map((line) => `    ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

export function formatDownResult(result: DownResult): string {
  const list = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.join(', '));
  const lines = [
    `removed containers: ${list(result.containers)}`,
    `removed networks: ${list(result.networks)}`,
  ];
  if (result.volumesRemoved.length > 0) lines.push(`removed volumes: ${list(result.volumesRemoved)}`);
  if (result.volumesKept.length > 0)
    lines.push(
      `kept volumes: ${list(result.volumesKept)} (your data; remove them with parity down --volumes)`,
    );
  return `${lines.join('\n')}\n`;
}

function probeLine(probe: HealthProbe): string {
  const time = probe.start.slice(11, 23);
  return `    ${time}  exit ${probe.exitCode}  ${probe.output.replace(/\s*\n\s*/g, ' ⏎ ') || '(no output)'}`;
}

function progressOf(current: number | undefined, total: number | undefined): string {
  if (current === undefined || total === undefined || total === 0) return '';
  return ` ${Math.round((100 * current) / total)}%`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

import type { DockerEngine } from '../engine/docker-engine';
import { lastLogLines } from './log-demux';
import type { HealthProbe } from './stack-events';

export const LOG_TAIL_LINES = 20;

interface HealthLogEntry {
  Start?: string;
  End?: string;
  ExitCode?: number;
  Output?: string;
}

export interface ContainerEvidence {
  state: string;
  exitCode: number | null;
  health: 'healthy' | 'unhealthy' | 'starting' | 'none';
  hasHealthcheck: boolean;
  /** When the engine last started it; null when it never ran. */
  startedAt: string | null;
  probes: HealthProbe[];
}

/**
 * A container's state and its health probe history. The engine keeps only the last five probes, so
 * this is read when it matters: the moment a service turns healthy, fails, or the wait ends.
 */
export async function inspectEvidence(engine: DockerEngine, containerId: string): Promise<ContainerEvidence> {
  const info = await engine.client.getContainer(containerId).inspect();
  const test = info.Config.Healthcheck?.Test ?? [];
  const health = info.State.Health;
  const status = health?.Status;
  return {
    state: info.State.Status,
    exitCode: info.State.Running ? null : info.State.ExitCode,
    health: status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : 'none',
    hasHealthcheck: test.length > 0 && test[0] !== 'NONE',
    startedAt: info.State.StartedAt.startsWith('0001-') ? null : isoOf(info.State.StartedAt),
    probes: ((health?.Log ?? []) as HealthLogEntry[]).map(toProbe),
  };
}

/** The last lines the container wrote, stdout and stderr interleaved, demultiplexed from the log answer. */
export async function lastLogs(engine: DockerEngine, containerId: string): Promise<string[]> {
  const container = engine.client.getContainer(containerId);
  const [info, buffer] = await Promise.all([
    container.inspect(),
    container.logs({ stdout: true, stderr: true, follow: false, tail: LOG_TAIL_LINES }),
  ]);
  return lastLogLines(buffer, { tty: info.Config.Tty, max: LOG_TAIL_LINES });
}

function toProbe(entry: HealthLogEntry): HealthProbe {
  return {
    start: isoOf(entry.Start),
    end: isoOf(entry.End),
    exitCode: entry.ExitCode ?? -1,
    output: (entry.Output ?? '').trim(),
  };
}

/** The engine writes RFC 3339 with nanoseconds; milliseconds are all a human or a chart needs. */
function isoOf(text: string | undefined): string {
  const time = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/** Merges probe lists read at different moments, oldest first, each probe once. */
export function mergeProbes(known: readonly HealthProbe[], more: readonly HealthProbe[]): HealthProbe[] {
  const byStart = new Map(known.map((probe) => [probe.start, probe]));
  for (const probe of more) byStart.set(probe.start, probe);
  return [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start));
}

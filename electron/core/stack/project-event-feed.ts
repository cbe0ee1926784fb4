import type { Readable } from 'node:stream';
import type { DockerEngine } from '../engine/docker-engine';
import { readJsonLines } from '../engine/json-lines';
import { LABEL } from './compose-labels';

/** A container event of the project, reduced to what the stack run acts on. */
export interface ContainerEvent {
  containerId: string;
  action: 'create' | 'start' | 'die' | 'health';
  /** For `health`: the new status the engine announced. */
  health?: 'healthy' | 'unhealthy' | 'starting';
  /** For `die`. */
  exitCode?: number;
  /** Engine time in epoch milliseconds: every timeline entry uses the engine's clock, not ours. */
  at: number;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

type Handler = (event: ContainerEvent) => void;

/** Events of containers nobody watches yet: the create event may arrive before createContainer answers. */
const MAX_UNCLAIMED = 500;

/**
 * ONE subscription to the engine's event stream per `up`, filtered to the project's containers and the
 * actions that move a service forward. It is opened before anything is inspected or created, so no
 * event can fall between reading a state and listening for its change.
 */
export class ProjectEventFeed {
  private readonly handlers = new Map<string, Handler>();
  private readonly unclaimed: ContainerEvent[] = [];
  private closed = false;

  private constructor(
    private readonly stream: Readable,
    onFailure: (error: Error) => void,
  ) {
    readJsonLines(stream, (value) => this.dispatch(value as RawEvent));
    const ended = (error?: Error): void => {
      if (this.closed) return;
      this.closed = true;
      onFailure(error ?? new Error('the engine closed its event stream'));
    };
    stream.on('error', ended);
    stream.on('end', () => ended());
  }

  static async open(
    engine: DockerEngine,
    project: string,
    onFailure: (error: Error) => void,
  ): Promise<ProjectEventFeed> {
    const stream = (await engine.client.getEvents({
      filters: {
        type: ['container'],
        label: [`${LABEL.project}=${project}`],
        event: ['create', 'start', 'die', 'health_status'],
      },
    })) as Readable;
    return new ProjectEventFeed(stream, onFailure);
  }

  /** Routes a container's events to `handler`, replaying those that arrived before anyone asked. */
  watch(containerId: string, handler: Handler): void {
    this.handlers.set(containerId, handler);
    const early = this.unclaimed.filter((event) => event.containerId === containerId);
    for (const event of early) this.unclaimed.splice(this.unclaimed.indexOf(event), 1);
    for (const event of early) handler(event);
  }

  close(): void {
    this.closed = true;
    this.stream.destroy();
  }

  private dispatch(raw: RawEvent): void {
    const event = toContainerEvent(raw);
    if (event === null) return;
    const handler = this.handlers.get(event.containerId);
    if (handler) {
      handler(event);
      return;
    }
    this.unclaimed.push(event);
    if (this.unclaimed.length > MAX_UNCLAIMED) this.unclaimed.shift();
  }
}

export function toContainerEvent(raw: RawEvent): ContainerEvent | null {
  const containerId = raw.Actor?.ID;
  if (raw.Type !== 'container' || !containerId || raw.Action === undefined) return null;
  const at = raw.timeNano !== undefined ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000;
  // The engine spells health changes as one action with the status after a colon.
  if (raw.Action.startsWith('health_status')) {
    const status = raw.Action.slice(raw.Action.indexOf(':') + 1).trim();
    if (status !== 'healthy' && status !== 'unhealthy' && status !== 'starting') return null;
    return { containerId, action: 'health', health: status, at };
  }
  if (raw.Action === 'die') {
    const code = Number(raw.Actor?.Attributes?.['exitCode'] ?? Number.NaN);
    return { containerId, action: 'die', exitCode: Number.isFinite(code) ? code : -1, at };
  }
  if (raw.Action === 'create' || raw.Action === 'start') return { containerId, action: raw.Action, at };
  return null;
}

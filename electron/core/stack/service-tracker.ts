import type { DependencyCondition } from '../compose/model';
import type { Milestone } from './dependency-graph';
import type { ProjectContainer } from './project-containers';
import { emptyTimeline, type ServiceAction, type ServiceHealth, type ServiceTimeline } from './stack-events';

/** What `up` will do with a service, decided once from the containers already on the engine. */
export type ServicePlan =
  | { kind: 'unchanged'; existing: ProjectContainer }
  | { kind: 'start'; existing: ProjectContainer }
  | { kind: 'create'; reason: 'new' }
  | { kind: 'create'; reason: 'changed'; existing: ProjectContainer };

/**
 * `imageId` is what the service's image reference names on the engine now (undefined: nothing to compare).
 * A container made from another image is recreated, as Compose does: the config hash alone cannot see a
 * container run from other bytes than the digest or tag the service names.
 */
export function planService(
  existing: ProjectContainer | undefined,
  configHash: string,
  imageId?: string,
): ServicePlan {
  if (existing === undefined) return { kind: 'create', reason: 'new' };
  if (existing.configHash !== configHash) return { kind: 'create', reason: 'changed', existing };
  if (imageId !== undefined && imageId !== existing.imageId)
    return { kind: 'create', reason: 'changed', existing };
  return existing.state === 'running' ? { kind: 'unchanged', existing } : { kind: 'start', existing };
}

/** One service's progress through an `up`; the stack run mutates it as the engine reports. */
export class ServiceTracker {
  containerId: string | null = null;
  action: ServiceAction = 'not-started';
  /** Null until the container's merged config (file + image) is known. */
  hasHealthcheck: boolean | null = null;
  goal: Milestone = 'started';
  ready = false;
  health: ServiceHealth = 'none';
  exitCode: number | null = null;
  /** Engine time (epoch ms) of the start that this `up` saw; null for a container left running. */
  startedAt: number | null = null;
  msToHealthy: number | null = null;
  readonly timeline: ServiceTimeline = emptyTimeline();

  constructor(
    readonly name: string,
    readonly plan: ServicePlan,
  ) {}

  beginWait(dependency: string, condition: DependencyCondition, now: number): void {
    this.timeline.waits.push({ dependency, condition, from: iso(now), until: null });
  }

  endWaits(now: number): void {
    for (const wait of this.timeline.waits) wait.until ??= iso(now);
  }

  /** The waits that never ended: what a timeout reports. */
  openWaits(): { dependency: string; condition: DependencyCondition }[] {
    return this.timeline.waits
      .filter((wait) => wait.until === null)
      .map(({ dependency, condition }) => ({ dependency, condition }));
  }
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

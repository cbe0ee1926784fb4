import type { ComposeModel, DependencyCondition } from '../compose/model';

/** "`service` may start once `dependency` has reached `condition`". */
export interface DependencyEdge {
  service: string;
  dependency: string;
  condition: DependencyCondition;
}

/** What a running service has reached so far; healthy and completed both imply started. */
export type Milestone = 'started' | 'healthy' | 'completed';

const SATISFIED_BY: Record<DependencyCondition, Milestone> = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
};

/**
 * Every wait in the model. `network_mode: service:X` waits on X being started too: the Engine can only
 * join a container's network stack once that container runs, so Compose orders it like a dependency.
 */
export function dependencyEdges(model: ComposeModel): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  for (const service of Object.values(model.services)) {
    for (const [dependency, spec] of Object.entries(service.dependsOn)) {
      if (Object.hasOwn(model.services, dependency))
        edges.push({ service: service.name, dependency, condition: spec.condition });
    }
    const shared = service.networkMode?.startsWith('service:') ? service.networkMode.slice(8) : null;
    if (shared !== null && Object.hasOwn(model.services, shared) && !Object.hasOwn(service.dependsOn, shared))
      edges.push({ service: service.name, dependency: shared, condition: 'service_started' });
  }
  return edges;
}

/**
 * Lets each service through the moment every condition it waits on holds. Nothing here sleeps or polls:
 * the stack run reports milestones as the engine's events arrive, and the gate resolves the waiters.
 * Services with nothing to wait on are released at once, so independent services start in parallel.
 */
export class StartGate {
  private readonly reached = new Map<string, Set<Milestone>>();
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(private readonly edges: readonly DependencyEdge[]) {}

  /** The conditions `service` still waits on, in the order the file lists them. */
  unmet(service: string): DependencyEdge[] {
    return this.edges.filter(
      (edge) => edge.service === service && !this.has(edge.dependency, SATISFIED_BY[edge.condition]),
    );
  }

  /** Resolves when every condition of `service` holds (at once when it has none). */
  whenRunnable(service: string): Promise<void> {
    if (this.unmet(service).length === 0) return Promise.resolve();
    return new Promise((resolve) =>
      this.waiters.set(service, [...(this.waiters.get(service) ?? []), resolve]),
    );
  }

  /** Records a milestone and releases every service whose last condition it was. */
  reach(service: string, milestone: Milestone): void {
    const set = this.reached.get(service) ?? new Set<Milestone>();
    set.add(milestone);
    if (milestone !== 'started') set.add('started');
    this.reached.set(service, set);
    for (const [waiting, releases] of [...this.waiters]) {
      if (this.unmet(waiting).length === 0) {
        this.waiters.delete(waiting);
        for (const release of releases) release();
      }
    }
  }

  has(service: string, milestone: Milestone): boolean {
    return this.reached.get(service)?.has(milestone) ?? false;
  }

  /** Services that wait, directly or through others, on `service`: they cannot start once it failed. */
  dependentsOf(service: string): string[] {
    const found = new Set<string>();
    const visit = (name: string): void => {
      for (const edge of this.edges) {
        if (edge.dependency === name && !found.has(edge.service)) {
          found.add(edge.service);
          visit(edge.service);
        }
      }
    };
    visit(service);
    return [...found];
  }
}

/** The milestone at which `service` counts as ready for `up` to be done with it. */
export function readinessGoal(
  service: string,
  edges: readonly DependencyEdge[],
  hasHealthcheck: boolean,
): Milestone {
  // A one-shot (a migration) is waited on to finish; whoever waits on it says so with this condition.
  if (
    edges.some((edge) => edge.dependency === service && edge.condition === 'service_completed_successfully')
  )
    return 'completed';
  return hasHealthcheck ? 'healthy' : 'started';
}

/**
 * Waves for stopping: each wave holds the services no remaining service depends on, so dependents stop
 * before what they depend on (the app before its database) and each wave stops in parallel.
 */
export function stopWaves(services: readonly string[], edges: readonly DependencyEdge[]): string[][] {
  const remaining = new Set(services);
  const waves: string[][] = [];
  while (remaining.size > 0) {
    const wave = [...remaining].filter(
      (candidate) => !edges.some((edge) => edge.dependency === candidate && remaining.has(edge.service)),
    );
    // A cycle (only possible in hand-made labels) must not loop forever: stop the rest together.
    const next = wave.length > 0 ? wave : [...remaining];
    for (const name of next) remaining.delete(name);
    waves.push(next.sort());
  }
  return waves;
}

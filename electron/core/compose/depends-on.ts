import type { KeyPath } from './key-path';
import type { Dependency } from './model';
import type { RawService } from './raw-compose';

export interface DependencyEntry {
  service: string;
  dependency: Dependency;
  /** Where the entry is written, for problems about it. */
  keyPath: KeyPath;
}

/**
 * Both spellings of depends_on. The list form means `service_started`; `required` defaults to true and
 * `restart` to false, as in compose-go.
 */
export function dependencyEntries(raw: RawService['depends_on'], servicePath: KeyPath): DependencyEntry[] {
  if (raw === undefined) return [];
  const path = [...servicePath, 'depends_on'];
  if (Array.isArray(raw)) {
    return raw.map((service, index) => ({
      service,
      dependency: { condition: 'service_started', restart: false, required: true },
      keyPath: [...path, index],
    }));
  }
  return Object.entries(raw).map(([service, entry]) => ({
    service,
    dependency: {
      condition: entry.condition,
      restart: entry.restart ?? false,
      required: entry.required ?? true,
    },
    keyPath: [...path, service],
  }));
}

/**
 * Every depends_on cycle, each as the services walked (`['app', 'worker', 'app']`), in file order and
 * each reported once. Compose cannot start any service on a cycle, so each one is an error.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (service: string): void => {
    stack.push(service);
    for (const next of graph.get(service) ?? []) {
      const at = stack.indexOf(next);
      if (at !== -1) {
        const cycle = [...stack.slice(at), next];
        const key = canonical(cycle);
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!done.has(next) && graph.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    done.add(service);
  };
  for (const service of graph.keys()) if (!done.has(service)) visit(service);
  return cycles;
}

/** The same cycle found from another starting point is the same cycle. */
function canonical(cycle: readonly string[]): string {
  const ring = cycle.slice(0, -1);
  const start = ring.indexOf([...ring].sort()[0] ?? '');
  return [...ring.slice(start), ...ring.slice(0, start)].join('\u0000');
}

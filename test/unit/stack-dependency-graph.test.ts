import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../electron/core/compose/model';
import {
  dependencyEdges,
  readinessGoal,
  StartGate,
  stopWaves,
  type DependencyEdge,
} from '../../electron/core/stack/dependency-graph';

/** Records the order in which services are let through, the way the stack run awaits the gate. */
function watchRelease(gate: StartGate, services: readonly string[]): string[] {
  const released: string[] = [];
  for (const service of services) void gate.whenRunnable(service).then(() => released.push(service));
  return released;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const edges: DependencyEdge[] = [
  { service: 'app', dependency: 'db', condition: 'service_healthy' },
  { service: 'app', dependency: 'migrate', condition: 'service_completed_successfully' },
  { service: 'migrate', dependency: 'db', condition: 'service_healthy' },
  { service: 'worker', dependency: 'cache', condition: 'service_started' },
];

describe('the start gate', () => {
  it('lets every service without dependencies through at once, in parallel', async () => {
    const gate = new StartGate(edges);
    const released = watchRelease(gate, ['db', 'cache', 'migrate', 'app', 'worker']);
    await flush();
    expect(released.sort()).toEqual(['cache', 'db']);
  });

  it('releases a dependent the moment its last condition holds, and not before', async () => {
    const gate = new StartGate(edges);
    const released = watchRelease(gate, ['migrate', 'app', 'worker']);
    gate.reach('db', 'started');
    await flush();
    expect(released).toEqual([]);

    gate.reach('db', 'healthy');
    await flush();
    expect(released).toEqual(['migrate']);
    expect(gate.unmet('app')).toEqual([edges[1]]);

    gate.reach('cache', 'started');
    await flush();
    expect(released).toEqual(['migrate', 'worker']);

    gate.reach('migrate', 'completed');
    await flush();
    expect(released).toEqual(['migrate', 'worker', 'app']);
  });

  it('counts healthy and completed as started, but started as neither', () => {
    const gate = new StartGate([
      { service: 'a', dependency: 'x', condition: 'service_started' },
      { service: 'b', dependency: 'y', condition: 'service_started' },
      { service: 'c', dependency: 'z', condition: 'service_healthy' },
    ]);
    gate.reach('x', 'healthy');
    gate.reach('y', 'completed');
    gate.reach('z', 'started');
    expect(gate.unmet('a')).toEqual([]);
    expect(gate.unmet('b')).toEqual([]);
    expect(gate.unmet('c')).toHaveLength(1);
  });

  it('names everyone who waits on a service, directly or through others', () => {
    expect(new StartGate(edges).dependentsOf('db').sort()).toEqual(['app', 'migrate']);
  });
});

describe('what ready means for a service', () => {
  it('is finishing for a one-shot, health with a healthcheck, else running', () => {
    expect(readinessGoal('migrate', edges, false)).toBe('completed');
    expect(readinessGoal('db', edges, true)).toBe('healthy');
    expect(readinessGoal('cache', edges, false)).toBe('started');
  });
});

describe('stopping order', () => {
  it('stops dependents first, each wave in parallel', () => {
    expect(stopWaves(['db', 'migrate', 'app', 'cache', 'worker'], edges)).toEqual([
      ['app', 'worker'],
      ['cache', 'migrate'],
      ['db'],
    ]);
  });

  it('does not loop on a cycle written into hand-made labels', () => {
    const cycle: DependencyEdge[] = [
      { service: 'a', dependency: 'b', condition: 'service_started' },
      { service: 'b', dependency: 'a', condition: 'service_started' },
    ];
    expect(stopWaves(['a', 'b'], cycle)).toEqual([['a', 'b']]);
  });
});

describe('edges from the model', () => {
  it('takes depends_on and waits for a service whose network stack is shared', () => {
    const service = (name: string, extra: object): ComposeModel['services'][string] =>
      ({
        name,
        image: 'busybox',
        build: null,
        command: null,
        entrypoint: null,
        environment: {},
        ports: [],
        volumes: [],
        networks: {},
        networkMode: null,
        labels: {},
        healthcheck: null,
        restart: null,
        user: null,
        workingDir: null,
        platform: null,
        containerName: null,
        resources: { nanoCpus: null, memoryBytes: null },
        dependsOn: {},
        profiles: [],
        ...extra,
      }) satisfies ComposeModel['services'][string];
    const model: ComposeModel = {
      name: 'p',
      profiles: [],
      disabledServices: [],
      volumes: {},
      networks: {},
      services: {
        vpn: service('vpn', {}),
        db: service('db', {}),
        app: service('app', {
          networkMode: 'service:vpn',
          dependsOn: { db: { condition: 'service_healthy', restart: false, required: true } },
        }),
      },
    };
    expect(dependencyEdges(model)).toEqual([
      { service: 'app', dependency: 'db', condition: 'service_healthy' },
      { service: 'app', dependency: 'vpn', condition: 'service_started' },
    ]);
  });
});

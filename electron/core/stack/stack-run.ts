import type { ComposeModel, ComposeService } from '../compose/model';
import { configHash } from '../compose/config-hash';
import type { DockerEngine } from '../engine/docker-engine';
import type { LayerProgress } from '../engine/image-pull';
import type { ProjectOrigin } from './compose-labels';
import {
  createContainer,
  inheritAnonymousVolumes,
  removeContainer,
  retireContainer,
} from './container-lifecycle';
import { containerPlan } from './container-spec';
import { dependencyEdges, readinessGoal, StartGate, type DependencyEdge } from './dependency-graph';
import { inspectEvidence, lastLogs, mergeProbes } from './failure-evidence';
import { ensureImage } from './image-ensure';
import { ensureProjectResources } from './project-resources';
import type { ContainerEvent, ProjectEventFeed } from './project-event-feed';
import { listProjectContainers, matchToModel, type ProjectContainer } from './project-containers';
import { iso, planService, ServiceTracker } from './service-tracker';
import type { StackEvent, StackFailure, UpOutcome } from './stack-events';

export interface StackRunOptions {
  origin: ProjectOrigin;
  onEvent: (event: StackEvent) => void;
  removeOrphans: boolean;
}

type Halt = { outcome: Exclude<UpOutcome, 'ready'> | 'ready'; failure: StackFailure | null };
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown } | { ok: false; halted: true };

/**
 * One `up`: every service gets its own task that pulls (only a missing image), waits on the gate for its
 * dependencies, then creates and starts its container. Readiness is learned only from the project's
 * event feed. The first failure, the timeout or an abort halts the run: nothing new is created after
 * that, and a container created but not yet started is removed, so nothing is left half made.
 */
export class StackRun {
  readonly trackers = new Map<string, ServiceTracker>();
  readonly orphans: string[] = [];
  private readonly edges: DependencyEdge[];
  private readonly gate: StartGate;
  private readonly halter = new AbortController();
  private readonly pulls = new Map<string, Promise<boolean>>();
  /** Inspections started by events (probe history at healthy, evidence at failure), awaited before the report. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private haltedWith: Halt | null = null;
  private resolveHalted: (halt: Halt) => void = () => {};
  readonly halted: Promise<Halt> = new Promise((resolve) => (this.resolveHalted = resolve));

  constructor(
    private readonly engine: DockerEngine,
    readonly model: ComposeModel,
    private readonly options: StackRunOptions,
  ) {
    this.edges = dependencyEdges(model);
    this.gate = new StartGate(this.edges);
  }

  get halt(): Halt | null {
    return this.haltedWith;
  }

  /** Ends the wait; the first reason wins (a failure found after a timeout does not rewrite it). */
  stop(outcome: Halt['outcome'], failure: StackFailure | null = null): void {
    if (this.haltedWith !== null) return;
    this.haltedWith = { outcome, failure };
    this.halter.abort();
    this.resolveHalted(this.haltedWith);
  }

  /** Runs until every service is ready or the run halts; resolves once every task has let go. */
  async run(feed: ProjectEventFeed): Promise<Halt> {
    // Networks and volumes do not depend on what runs: make them while the containers are listed.
    const [containers] = await Promise.all([
      listProjectContainers(this.engine, this.model.name),
      ensureProjectResources(this.engine, this.model),
    ]);
    const existing = matchToModel(containers, this.model);
    for (const orphan of existing.orphans) {
      if (this.options.removeOrphans) await retireContainer(this.engine, orphan.id);
      this.orphans.push(orphan.name);
      this.emit({
        kind: 'orphan',
        service: orphan.service,
        at: iso(Date.now()),
        container: orphan.name,
        removed: this.options.removeOrphans,
      });
    }
    for (const service of Object.values(this.model.services)) {
      const container = existing.byService.get(service.name);
      const tracker = new ServiceTracker(
        service.name,
        planService(container, configHash(service), await this.imageIdFor(service, container)),
      );
      this.trackers.set(service.name, tracker);
    }
    // Containers left running are read first, so no service is told to wait on one that is already fine.
    const trackers = [...this.trackers.values()];
    await Promise.all(
      trackers.map(async (tracker) => {
        if (tracker.plan.kind === 'unchanged') await this.adopt(tracker, tracker.plan.existing.id, feed);
      }),
    );
    const tasks = trackers.map((tracker) => this.runService(tracker, feed));
    this.checkDone();
    const halt = await this.halted;
    await Promise.allSettled(tasks);
    await this.settleInFlight();
    return halt;
  }

  private async runService(tracker: ServiceTracker, feed: ProjectEventFeed): Promise<void> {
    const { plan } = tracker;
    const service = this.model.services[tracker.name];
    if (service === undefined) return;
    let createdId: string | null = null;
    try {
      if (plan.kind === 'unchanged') return;
      if (plan.kind === 'create' && service.image !== null) {
        const pulled = await this.untilHalted(this.pull(tracker.name, service.image));
        if (!pulled.ok) {
          if ('error' in pulled) throw pulled.error;
          return;
        }
      }
      const unmet = this.gate.unmet(tracker.name);
      for (const edge of unmet) {
        tracker.beginWait(edge.dependency, edge.condition, Date.now());
        this.emit({
          kind: 'waiting-for',
          service: tracker.name,
          at: iso(Date.now()),
          dependency: edge.dependency,
          condition: edge.condition,
        });
      }
      const released = await this.untilHalted(this.gate.whenRunnable(tracker.name));
      if (!released.ok) return;
      tracker.endWaits(Date.now());

      if (plan.kind === 'start') {
        tracker.containerId = plan.existing.id;
        feed.watch(plan.existing.id, (event) => this.onContainerEvent(tracker, event));
        await this.learnHealthcheck(tracker, plan.existing.id);
        if (this.halter.signal.aborted) return;
        this.emit({ kind: 'starting', service: tracker.name, at: iso(Date.now()), reason: 'stopped' });
        await this.engine.client.getContainer(plan.existing.id).start();
        tracker.action = 'started';
        this.gate.reach(tracker.name, 'started');
        return;
      }

      let spec = containerPlan(this.model, this.options.origin, service, configHash(service));
      if (plan.reason === 'changed') {
        spec = { ...spec, create: await inheritAnonymousVolumes(this.engine, plan.existing.id, spec.create) };
        await retireContainer(this.engine, plan.existing.id);
      }
      if (this.halter.signal.aborted) return;
      this.emit({ kind: 'creating', service: tracker.name, at: iso(Date.now()), reason: plan.reason });
      createdId = await createContainer(this.engine, spec);
      tracker.containerId = createdId;
      tracker.action = plan.reason === 'new' ? 'created' : 'recreated';
      feed.watch(createdId, (event) => this.onContainerEvent(tracker, event));
      await this.learnHealthcheck(tracker, createdId);
      // The last moment to change our mind: once start is sent, the container runs and stays, labelled.
      if (this.halter.signal.aborted) {
        await this.discard(tracker, createdId, plan.reason === 'new');
        return;
      }
      this.emit({ kind: 'starting', service: tracker.name, at: iso(Date.now()), reason: 'created' });
      await this.engine.client.getContainer(createdId).start();
      createdId = null;
      this.gate.reach(tracker.name, 'started');
    } catch (error) {
      // A start the engine refused (a host port in use, say) leaves the container created: remove it.
      if (createdId !== null)
        await this.discardIfUnstarted(tracker, createdId, plan.kind === 'create' && plan.reason === 'new');
      this.stop('failed', {
        service: tracker.name,
        reason: 'engine-error',
        message: `${tracker.name} could not be started: ${engineMessage(error)}.`,
        exitCode: null,
        lastProbes: [],
        lastLogs: [],
      });
    }
  }

  /** A container left running as it is: its state now decides what it still owes the stack. */
  private async adopt(tracker: ServiceTracker, containerId: string, feed: ProjectEventFeed): Promise<void> {
    tracker.containerId = containerId;
    tracker.action = 'unchanged';
    feed.watch(containerId, (event) => this.onContainerEvent(tracker, event));
    const evidence = await inspectEvidence(this.engine, containerId);
    this.emit({ kind: 'unchanged', service: tracker.name, at: iso(Date.now()), containerId });
    this.setHealthcheck(tracker, evidence.hasHealthcheck);
    tracker.timeline.started = evidence.startedAt;
    tracker.timeline.probes = mergeProbes(tracker.timeline.probes, evidence.probes);
    this.gate.reach(tracker.name, 'started');
    if (evidence.health === 'healthy') {
      tracker.health = 'healthy';
      this.gate.reach(tracker.name, 'healthy');
    } else if (evidence.health === 'unhealthy') {
      tracker.health = 'unhealthy';
      this.failUnhealthy(tracker, containerId);
      return;
    } else if (evidence.health === 'starting') {
      tracker.health = 'starting';
    }
    this.markIfReady(tracker);
  }

  /**
   * The image a service's reference names on the engine now. Undefined when there is none to compare: a
   * built service, or an image the engine no longer holds (a container keeps running from it; the next
   * pull decides).
   */
  private async imageIdFor(
    service: ComposeService,
    container: ProjectContainer | undefined,
  ): Promise<string | undefined> {
    if (container === undefined || service.image === null || service.build !== null) return undefined;
    return this.engine.client
      .getImage(service.image)
      .inspect()
      .then(
        (image) => image.Id,
        () => undefined,
      );
  }

  private async learnHealthcheck(tracker: ServiceTracker, containerId: string): Promise<void> {
    const evidence = await inspectEvidence(this.engine, containerId);
    this.setHealthcheck(tracker, evidence.hasHealthcheck);
  }

  private setHealthcheck(tracker: ServiceTracker, hasHealthcheck: boolean): void {
    tracker.hasHealthcheck = hasHealthcheck;
    tracker.goal = readinessGoal(tracker.name, this.edges, hasHealthcheck);
    if (tracker.health === 'none' && hasHealthcheck) tracker.health = 'starting';
    const waiter = this.edges.find(
      (edge) => edge.dependency === tracker.name && edge.condition === 'service_healthy',
    );
    if (!hasHealthcheck && waiter) {
      this.stop('failed', {
        service: tracker.name,
        reason: 'no-healthcheck',
        message: `${waiter.service} waits for ${tracker.name} to be healthy, but ${tracker.name} has no healthcheck (in the compose file or its image).`,
        exitCode: null,
        lastProbes: [],
        lastLogs: [],
      });
    }
  }

  private onContainerEvent(tracker: ServiceTracker, event: ContainerEvent): void {
    if (event.containerId !== tracker.containerId) return;
    const at = iso(event.at);
    if (event.action === 'create') {
      tracker.timeline.created = at;
    } else if (event.action === 'start') {
      tracker.timeline.started = at;
      tracker.startedAt = event.at;
      this.emit({ kind: 'started', service: tracker.name, at, containerId: event.containerId });
      this.gate.reach(tracker.name, 'started');
      this.markIfReady(tracker);
    } else if (event.action === 'health' && event.health === 'healthy') {
      tracker.health = 'healthy';
      tracker.timeline.healthy = at;
      tracker.msToHealthy = tracker.startedAt === null ? null : event.at - tracker.startedAt;
      this.emit({ kind: 'healthy', service: tracker.name, at, msToHealthy: tracker.msToHealthy });
      this.track(this.readProbes(tracker, event.containerId));
      this.gate.reach(tracker.name, 'healthy');
      this.markIfReady(tracker);
    } else if (event.action === 'health' && event.health === 'unhealthy') {
      tracker.health = 'unhealthy';
      this.failUnhealthy(tracker, event.containerId);
    } else if (event.action === 'die') {
      this.onExit(tracker, event.containerId, event.exitCode ?? -1, event.at);
    }
  }

  private onExit(tracker: ServiceTracker, containerId: string, code: number, at: number): void {
    tracker.exitCode = code;
    tracker.timeline.exited = { at: iso(at), code };
    this.emit({ kind: 'exited', service: tracker.name, at: iso(at), code });
    if (code === 0) {
      this.gate.reach(tracker.name, 'completed');
      if (tracker.goal === 'completed' || tracker.goal === 'started') {
        tracker.ready = true;
        this.checkDone();
        return;
      }
    }
    // A crash is a failure even after the service counted as ready: the stack is not up while it is down.
    if (this.halter.signal.aborted || (code === 0 && tracker.ready)) return;
    const why = code === 0 ? 'exited (code 0) before it was healthy' : `exited with code ${code}`;
    this.track(
      this.withEvidence(containerId).then(({ probes, logs }) =>
        this.stop('failed', {
          service: tracker.name,
          reason: 'exited',
          message: `${tracker.name} ${why}.`,
          exitCode: code,
          lastProbes: probes,
          lastLogs: logs,
        }),
      ),
    );
  }

  private failUnhealthy(tracker: ServiceTracker, containerId: string): void {
    if (this.halter.signal.aborted) return;
    this.track(
      this.withEvidence(containerId).then(({ probes, logs }) => {
        tracker.timeline.probes = mergeProbes(tracker.timeline.probes, probes);
        this.emit({
          kind: 'unhealthy',
          service: tracker.name,
          at: iso(Date.now()),
          lastProbes: probes,
          lastLogs: logs,
        });
        this.stop('failed', {
          service: tracker.name,
          reason: 'unhealthy',
          message: `${tracker.name} is unhealthy: its healthcheck failed ${probes.filter((p) => p.exitCode !== 0).length} of the last ${probes.length} probes.`,
          exitCode: null,
          lastProbes: probes,
          lastLogs: logs,
        });
      }),
    );
  }

  private markIfReady(tracker: ServiceTracker): void {
    if (tracker.ready || tracker.hasHealthcheck === null) return;
    if (this.gate.has(tracker.name, tracker.goal)) {
      tracker.ready = true;
      this.checkDone();
    }
  }

  private checkDone(): void {
    if ([...this.trackers.values()].every((tracker) => tracker.ready)) this.stop('ready');
  }

  private async discard(tracker: ServiceTracker, containerId: string, fresh: boolean): Promise<void> {
    // A fresh container's anonymous volumes hold only image content; a recreated one's hold inherited data.
    await removeContainer(this.engine, containerId, { volumes: fresh });
    tracker.containerId = null;
    tracker.action = 'not-started';
    tracker.timeline.created = null;
  }

  private async discardIfUnstarted(
    tracker: ServiceTracker,
    containerId: string,
    fresh: boolean,
  ): Promise<void> {
    const state = await inspectEvidence(this.engine, containerId).then(
      (evidence) => evidence.state,
      () => 'missing',
    );
    if (state === 'created') await this.discard(tracker, containerId, fresh).catch(() => undefined);
  }

  private pull(service: string, image: string): Promise<boolean> {
    let pull = this.pulls.get(image);
    if (pull === undefined) {
      const onProgress = (progress: LayerProgress): void =>
        this.emit({ kind: 'pulling', service, at: iso(Date.now()), image, ...progress });
      pull = ensureImage(this.engine, image, { signal: this.halter.signal, onProgress });
      this.pulls.set(image, pull);
    }
    return pull.then((pulled) => {
      if (pulled) this.emit({ kind: 'pulled', service, at: iso(Date.now()), image });
      return pulled;
    });
  }

  private async readProbes(tracker: ServiceTracker, containerId: string): Promise<void> {
    const evidence = await inspectEvidence(this.engine, containerId);
    tracker.timeline.probes = mergeProbes(tracker.timeline.probes, evidence.probes);
  }

  private async withEvidence(
    containerId: string,
  ): Promise<{ probes: StackFailure['lastProbes']; logs: string[] }> {
    // Evidence is best effort: a container removed meanwhile must not keep the run from halting.
    const [probes, logs] = await Promise.all([
      inspectEvidence(this.engine, containerId).then(
        (evidence) => evidence.probes,
        () => [],
      ),
      lastLogs(this.engine, containerId).catch(() => []),
    ]);
    return { probes, logs };
  }

  /** Races work against the halt, so a halted run never waits on a dependency or a pull to finish. */
  private untilHalted<T>(work: Promise<T>): Promise<Settled<T>> {
    const settled = work.then(
      (value): Settled<T> => ({ ok: true, value }),
      (error: unknown): Settled<T> => ({ ok: false, error }),
    );
    const halted = this.halted.then((): Settled<T> => ({ ok: false, halted: true }));
    return Promise.race([settled, halted]);
  }

  private track(work: Promise<unknown>): void {
    const guarded = work.catch(() => undefined).finally(() => this.inFlight.delete(guarded));
    this.inFlight.add(guarded);
  }

  private async settleInFlight(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private emit(event: StackEvent): void {
    this.options.onEvent(event);
  }
}

/** dockerode wraps the engine's own sentence in "(HTTP code 500) server error - …"; the sentence is the news. */
function engineMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'json' in error) {
    const json: unknown = error.json;
    if (typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string')
      return json.message.replace(/\.$/, '');
  }
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}

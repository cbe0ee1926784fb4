import type { DockerEngine } from '../engine/docker-engine';
import { inspectEvidence, mergeProbes } from './failure-evidence';
import type { ServiceTracker } from './service-tracker';
import type { PendingWait, ServiceReport, StackFailure, UpOutcome, UpResult } from './stack-events';

export interface ReportInputs {
  project: string;
  outcome: UpOutcome;
  failure: StackFailure | null;
  trackers: readonly ServiceTracker[];
  orphans: string[];
  elapsedMs: number;
  timeoutMs: number | undefined;
}

/** The final word of an `up`: each service as the engine has it now, and why the wait ended. */
export async function buildUpResult(
  engine: DockerEngine,
  inputs: ReportInputs,
): Promise<Omit<UpResult, 'finding'>> {
  const reports = await Promise.all(inputs.trackers.map((tracker) => reportOf(engine, tracker)));
  const pending = inputs.outcome === 'ready' ? [] : inputs.trackers.flatMap(pendingOf);
  const services: Record<string, ServiceReport> = {};
  for (const report of reports) services[report.service] = report;
  return {
    project: inputs.project,
    outcome: inputs.outcome,
    message: messageOf(inputs, pending, services),
    elapsedMs: inputs.elapsedMs,
    services,
    orphans: inputs.orphans,
    failure: inputs.failure,
    pending,
  };
}

async function reportOf(engine: DockerEngine, tracker: ServiceTracker): Promise<ServiceReport> {
  const base: ServiceReport = {
    service: tracker.name,
    containerId: tracker.containerId,
    action: tracker.action,
    state: 'missing',
    health: tracker.health,
    msToHealthy: tracker.msToHealthy,
    exitCode: tracker.exitCode,
    timeline: tracker.timeline,
  };
  if (tracker.containerId === null) return base;
  const evidence = await inspectEvidence(engine, tracker.containerId).catch(() => null);
  if (evidence === null) return base;
  return {
    ...base,
    state: evidence.state,
    health: evidence.health,
    exitCode: evidence.exitCode,
    timeline: { ...tracker.timeline, probes: mergeProbes(tracker.timeline.probes, evidence.probes) },
  };
}

/** Who was still waiting, and on what: a timeout must name the service that held everything up. */
function pendingOf(tracker: ServiceTracker): PendingWait[] {
  if (tracker.ready) return [];
  const waits = tracker.openWaits();
  if (waits.length > 0) return waits.map((wait) => ({ service: tracker.name, ...wait }));
  const started = tracker.timeline.started !== null && tracker.containerId !== null;
  if (!started) return [{ service: tracker.name, dependency: null, condition: 'own-start' }];
  if (tracker.goal === 'completed')
    return [{ service: tracker.name, dependency: null, condition: 'own-exit' }];
  return [{ service: tracker.name, dependency: null, condition: 'own-health' }];
}

function messageOf(
  inputs: ReportInputs,
  pending: readonly PendingWait[],
  services: Readonly<Record<string, ServiceReport>>,
): string {
  const notStarted = Object.values(services)
    .filter((service) => service.action === 'not-started')
    .map((service) => service.service);
  const left = notStarted.length > 0 ? ` Not started: ${notStarted.join(', ')}.` : '';
  switch (inputs.outcome) {
    case 'ready':
      return '';
    case 'failed':
      return `${inputs.failure?.message ?? 'A service failed.'}${left}`;
    case 'timed-out': {
      const seconds = (inputs.timeoutMs ?? inputs.elapsedMs) / 1000;
      return `Timed out after ${seconds}s: ${pending.map((wait) => describeWait(wait, services)).join('; ')}.${left}`;
    }
    case 'interrupted':
      return `Interrupted: what was started keeps running; nothing was left created but not started.${left}`;
  }
}

function describeWait(wait: PendingWait, services: Readonly<Record<string, ServiceReport>>): string {
  if (wait.dependency !== null) return `${wait.service} waited on ${wait.dependency} (${wait.condition})`;
  if (wait.condition === 'own-exit') return `${wait.service} had not finished`;
  if (wait.condition === 'own-start') return `${wait.service} had not started`;
  const last = services[wait.service]?.timeline.probes.at(-1);
  const probe =
    last === undefined
      ? 'no probe has run yet'
      : `last probe exit ${last.exitCode}${last.output ? `: ${last.output}` : ''}`;
  return `${wait.service} was not healthy yet (${probe})`;
}

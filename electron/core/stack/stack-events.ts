import type { DependencyCondition } from '../compose/model';
import type { StackFinding } from './failure-finding';

/**
 * What `parity up` tells the world while it works, one event per step of one service. Plain data (no
 * classes, no Dates), so the same objects go to the CLI's JSON lines and, later, over the app's contract.
 */
export type StackEvent =
  | {
      kind: 'pulling';
      service: string;
      at: string;
      image: string;
      layer: string;
      status: string;
      current?: number;
      total?: number;
    }
  | { kind: 'pulled'; service: string; at: string; image: string }
  | { kind: 'unchanged'; service: string; at: string; containerId: string }
  | { kind: 'creating'; service: string; at: string; reason: 'new' | 'changed' }
  | { kind: 'starting'; service: string; at: string; reason: 'created' | 'stopped' }
  | { kind: 'waiting-for'; service: string; at: string; dependency: string; condition: DependencyCondition }
  | { kind: 'started'; service: string; at: string; containerId: string }
  | { kind: 'healthy'; service: string; at: string; msToHealthy: number | null }
  | { kind: 'exited'; service: string; at: string; code: number }
  | { kind: 'unhealthy'; service: string; at: string; lastProbes: HealthProbe[]; lastLogs: string[] }
  | { kind: 'orphan'; service: string; at: string; container: string; removed: boolean };

export type StackEventKind = StackEvent['kind'];

/** One run of a service's healthcheck as the engine recorded it (State.Health.Log keeps the last five). */
export interface HealthProbe {
  start: string;
  end: string;
  exitCode: number;
  output: string;
}

/** Where one service's time went during an `up`: the explainer behind "why is it still waiting?". */
export interface ServiceTimeline {
  created: string | null;
  started: string | null;
  /** Each wait on a dependency, from when it began until its condition held (null: it never did). */
  waits: { dependency: string; condition: DependencyCondition; from: string; until: string | null }[];
  /** Health probe results, oldest first, as far back as the engine keeps them. */
  probes: HealthProbe[];
  healthy: string | null;
  exited: { at: string; code: number } | null;
}

/** What `up` did to a service's container. */
export type ServiceAction = 'created' | 'recreated' | 'started' | 'unchanged' | 'not-started';

export type ServiceHealth = 'healthy' | 'unhealthy' | 'starting' | 'none';

export interface ServiceReport {
  service: string;
  containerId: string | null;
  action: ServiceAction;
  /** The engine's container state at the end: running, exited, … or missing when there is none. */
  state: string;
  health: ServiceHealth;
  msToHealthy: number | null;
  exitCode: number | null;
  timeline: ServiceTimeline;
}

/** Why `up` stopped waiting before every service was ready. */
export interface StackFailure {
  service: string;
  reason: 'unhealthy' | 'exited' | 'no-healthcheck' | 'engine-error';
  message: string;
  exitCode: number | null;
  lastProbes: HealthProbe[];
  lastLogs: string[];
}

/** A service still waiting when the time ran out, and on what. */
export interface PendingWait {
  service: string;
  /** The dependency it waited on; null when it waited on itself: to start, turn healthy or finish. */
  dependency: string | null;
  condition: DependencyCondition | 'own-start' | 'own-health' | 'own-exit';
}

export type UpOutcome = 'ready' | 'failed' | 'timed-out' | 'interrupted';

export interface UpResult {
  project: string;
  outcome: UpOutcome;
  /** One sentence a human can act on; empty when every service is ready. */
  message: string;
  elapsedMs: number;
  services: Record<string, ServiceReport>;
  orphans: string[];
  failure: StackFailure | null;
  /** The failure as a finding with its remediation (kind, message, the commands that fix it); null unless failed. */
  finding: StackFinding | null;
  pending: PendingWait[];
}

export function emptyTimeline(): ServiceTimeline {
  return { created: null, started: null, waits: [], probes: [], healthy: null, exited: null };
}

import { buildApi, type ParityApi, type Transport } from '../../../shared/api-client';
import type { ApiErrorData } from '../../../shared/api-error';
import type { EventName } from '../../../shared/events';
import type { BaselineList, BaselineSummary, RollbackOutcome } from '../../../shared/reset-schema';

export const knownGood: BaselineSummary = {
  id: '20261202T040000Z-aaaaaa',
  name: 'known good',
  kind: 'manual',
  createdAt: '2026-12-02T04:00:00.000Z',
  commit: '0123456789abcdef',
  files: ['parity.yml', 'docker-compose.yml'],
  volumes: [{ key: 'db-data', bytes: 3 * 1024 * 1024 }],
  bytes: 3 * 1024 * 1024,
};

export const beforeReset: BaselineSummary = {
  ...knownGood,
  id: '20261202T041000Z-bbbbbb',
  name: 'before reset',
  kind: 'before-reset',
  createdAt: '2026-12-02T04:10:00.000Z',
};

export function listOf(overrides: Partial<BaselineList> = {}): BaselineList {
  return {
    baselines: [knownGood],
    lastKnownGood: knownGood.id,
    undoTo: null,
    uncommitted: [],
    pending: null,
    services: ['app', 'db'],
    ...overrides,
  };
}

export const outcome: RollbackOutcome = {
  target: knownGood.id,
  targetName: knownGood.name,
  service: null,
  beforeReset: beforeReset.id,
  restoredFiles: [],
  restoredVolumes: ['db-data'],
  pruned: [],
  check: { passed: true, score: 1 },
};

/** One answer per method: a value, an error envelope, or a function of the request. */
export type Answer = unknown | { error: ApiErrorData } | ((request: unknown) => unknown);

/**
 * The real API object over a scripted transport: calls answered from a table and recorded, events pushed
 * by the test as the main side would push them (stream:data, stream:end).
 */
export class ScriptedApi {
  readonly calls: Array<{ method: string; request: unknown }> = [];
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();
  readonly api: ParityApi;

  constructor(readonly answers: Record<string, Answer>) {
    const call: Transport['call'] = async (method, request) => {
      this.calls.push({ method, request });
      const answer = this.answers[method];
      const value = typeof answer === 'function' ? (answer as (r: unknown) => unknown)(request) : answer;
      if (value !== null && typeof value === 'object' && 'error' in value)
        return value as { error: ApiErrorData };
      return { result: value };
    };
    this.api = buildApi({
      call,
      subscribe: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
    });
  }

  emit(event: EventName, payload: unknown): void {
    for (const listener of [...this.listeners]) listener(event, payload);
  }

  /** Pushes rollback steps as the main side streams them: one JSON line each. */
  steps(
    streamId: string,
    ...steps: Array<{ step: string; status: string; label?: string; detail?: string }>
  ): void {
    const data = steps.map((s) => JSON.stringify({ label: s.step, ...s })).join('\n');
    this.emit('stream:data', { streamId, data: `${data}\n` });
  }

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

/** Resolves once `check` holds, polling the microtask queue and timers (no fixed sleeps). */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`never happened: ${what}`);
}

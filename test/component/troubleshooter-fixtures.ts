import type { Transport } from '../../shared/api-client';
import { buildApi } from '../../shared/api-client';
import type { DriftFinding, DriftReport } from '../../shared/drift-report-schema';
import type { EventName } from '../../shared/events';
import type { FixFindingsResult } from '../../shared/remediation-result-schema';

/** A staging-only env key: the drift the e2e test plants, as the check reports it. */
export const envFinding: DriftFinding = {
  id: 'config.env-keys-differ:app:keys',
  kind: 'config.env-keys-differ',
  category: 'config',
  severity: 'warning',
  service: 'app',
  message: "app's environment keys differ: staging sets FEATURE_FLAGS, local does not.",
  evidence: { local: [], staging: ['FEATURE_FLAGS'] },
  remediation: {
    id: 'config.env-keys-differ',
    title: 'Set the same environment keys as staging',
    why: 'Code paths switch on environment keys.',
    steps: ['Copy FEATURE_FLAGS from .env.example into .env.', 'Recreate it: npx parity up'],
    command: "grep -E '^(FEATURE_FLAGS)=' .env.example >> .env && npx parity up",
    action: 'env-from-template',
  },
};

/** A finding fixed only by hand (no automated action). */
export const tagFinding: DriftFinding = {
  id: 'image.tag-moved:app:tag',
  kind: 'image.tag-moved',
  category: 'image',
  severity: 'error',
  service: 'app',
  message: 'The tag app:1 now names another image.',
  evidence: { expected: 'sha256:aaa', local: 'sha256:aaa', staging: 'sha256:bbb' },
  remediation: {
    id: 'image.tag-moved',
    title: 'Decide about the moved tag',
    why: 'Anyone pulling the tag gets different bytes.',
    steps: ['See what the tag points at now.'],
    command: null,
    action: null,
  },
};

export const noteFinding: DriftFinding = {
  id: 'config.compose-differs:db:config-hash',
  kind: 'config.compose-differs',
  category: 'config',
  severity: 'info',
  service: 'db',
  message: "db's container was created from another compose configuration.",
  evidence: { local: 'sha256:1', staging: 'sha256:2' },
  remediation: {
    id: 'config.compose-differs',
    title: 'Compare',
    why: 'Ports.',
    steps: [],
    command: null,
    action: null,
  },
};

export function reportWith(findings: DriftFinding[], score = 0.9): DriftReport {
  return {
    schemaVersion: 1,
    workspace: '/w/lab',
    project: 'lab',
    time: '2026-12-02T05:00:00.000Z',
    staging: { target: 'deploy@127.0.0.1:2222', project: 'parity-lab' },
    checks: [],
    score,
    threshold: 0.98,
    thresholdSource: 'contract',
    passed: findings.every((f) => f.severity === 'info') && score >= 0.98,
    findings,
  };
}

export function fixedResult(finding: DriftFinding, ok = true): FixFindingsResult {
  return {
    results: [
      {
        findingId: finding.id,
        action: finding.remediation.action,
        ran: true,
        ok,
        summary: ok
          ? 'added FEATURE_FLAGS to .env; stack recreated and ready'
          : 'env-from-template failed: no .env.example',
        byHand: ok ? null : (finding.remediation.command ?? null),
        durationMs: 1200,
      },
    ],
    comparisons: [{ before: finding, after: ok ? null : finding }],
    scoreBefore: 0.9,
    scoreAfter: ok ? 1 : 0.9,
    threshold: 0.98,
    passedAfter: ok,
  };
}

type Answer = unknown | Error | ((request: unknown) => unknown);

/**
 * The real API object over a scripted transport: an answer (or an Error to answer {error}) per method,
 * every call recorded, and `emit` to push stream events as the main side would.
 */
export function scriptedApi(answers: Record<string, Answer>): {
  api: ReturnType<typeof buildApi>;
  calls: Array<{ method: string; request: unknown }>;
  emit: (event: EventName, payload: unknown) => void;
} {
  const calls: Array<{ method: string; request: unknown }> = [];
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const call: Transport['call'] = async (method, request) => {
    calls.push({ method, request });
    const answer = answers[method];
    if (answer instanceof Error) {
      return {
        error: { code: 'ssh-failed', message: answer.message, hint: 'Check the SSH identity in Settings.' },
      };
    }
    return { result: typeof answer === 'function' ? (answer as (r: unknown) => unknown)(request) : answer };
  };
  const api = buildApi({
    call,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    api,
    calls,
    emit: (event, payload) => {
      for (const listener of listeners) listener(event, payload);
    },
  };
}

import type { HealthPayload } from '../../../shared/snapshot-schema';
import { judge, type CheckOutcome } from './check-outcome';
import type { DriftInput } from './drift-input';
import { jsonDifferences } from './json-diff';
import { toJson, type JsonValue } from './json-value';

const SHOWN_DIFFERENCES = 5;

/**
 * The health payloads of the services parity.yml names, local against staging's (keys sorted and volatile
 * fields removed by the snapshots). Without staging there is nothing to compare a payload with.
 */
export function healthChecks(input: DriftInput): CheckOutcome[] {
  if (input.staging === null) return [];
  const outcomes: CheckOutcome[] = [];
  for (const [service, probe] of Object.entries(input.contract.health).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    const local = input.local.health[service];
    const staging = input.staging.health[service];
    // Neither side answered: there is no payload to compare, and service checks say why.
    if (local === undefined || staging === undefined || ('error' in local && 'error' in staging)) continue;
    const spec = { kind: 'health.payload-differs', service, detail: 'payload', severity: 'warning' } as const;
    const message = describe(service, local, staging);
    outcomes.push(
      judge(
        spec,
        message === null
          ? null
          : {
              message,
              evidence: { local: shown(local), staging: shown(staging) },
              remedy: { url: probe.url },
            },
      ),
    );
  }
  return outcomes;
}

function describe(service: string, local: HealthPayload, staging: HealthPayload): string | null {
  if ('error' in local)
    return `local ${service}'s health endpoint did not answer (${local.error}); staging's did.`;
  if ('error' in staging)
    return `staging ${service}'s health endpoint did not answer (${staging.error}); local's did.`;
  const differences = jsonDifferences(local.payload, staging.payload);
  if (differences.length === 0) return null;
  const listed = differences
    .slice(0, SHOWN_DIFFERENCES)
    .map((d) => `${d.path}: staging ${text(d.staging)}, local ${text(d.local)}`);
  const more =
    differences.length > SHOWN_DIFFERENCES ? `; and ${differences.length - SHOWN_DIFFERENCES} more` : '';
  return `${service}'s health payload differs — ${listed.join('; ')}${more}.`;
}

function text(value: unknown): string {
  if (value === undefined) return '(absent)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Evidence as JSON: the payload itself, or the error in words. */
function shown(health: HealthPayload): JsonValue {
  return 'error' in health ? { error: health.error } : { payload: toJson(health.payload) };
}

import type { ServiceEvidence } from '../../../shared/snapshot-schema';
import { judge, type CheckOutcome } from './check-outcome';
import type { DriftInput } from './drift-input';
import { servicesInScope } from './services-in-scope';

type Side = 'local' | 'staging';

/** Services: present on both sides, running, healthy, not crash-looping. */
export function serviceChecks(input: DriftInput): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  const pinned = new Set(Object.keys(input.contract.images));
  for (const service of servicesInScope(input)) {
    const local = input.local.services[service];
    const staging = input.staging?.services[service];
    // Expected locally when parity.yml pins it or staging runs it; on staging when pinned or run here.
    if (pinned.has(service) || staging !== undefined) outcomes.push(missing(service, 'local', input, local));
    if (input.staging !== null && (pinned.has(service) || local !== undefined))
      outcomes.push(missing(service, 'staging', input, staging));
    if (local !== undefined) outcomes.push(stateDiffers(service, local, staging));
    for (const [side, evidence] of [
      ['local', local],
      ['staging', staging],
    ] as const) {
      if (evidence === undefined) continue;
      const unhealthy = unhealthyCheck(service, side, evidence);
      if (unhealthy !== undefined) outcomes.push(unhealthy);
      outcomes.push(restarting(service, side, evidence));
    }
  }
  return outcomes;
}

function missing(
  service: string,
  side: Side,
  input: DriftInput,
  evidence: ServiceEvidence | undefined,
): CheckOutcome {
  const spec = { kind: 'service.missing', service, detail: side, severity: 'error' } as const;
  if (evidence !== undefined) return judge(spec, null);
  const other = side === 'local' ? input.staging?.services[service] : input.local.services[service];
  const project = side === 'local' ? input.local.project : (input.staging?.project ?? '');
  const why =
    other !== undefined ? `${side === 'local' ? 'staging' : 'local'} runs it` : 'parity.yml pins it';
  return judge(spec, {
    message: `${service} does not run ${side === 'local' ? 'here' : 'on staging'} (no container in project ${project}), but ${why}.`,
    evidence: {
      expected: 'a container of the service',
      [side]: null,
      ...(other === undefined ? {} : { [side === 'local' ? 'staging' : 'local']: other.container }),
    },
    remedy: { side },
  });
}

function stateDiffers(
  service: string,
  local: ServiceEvidence,
  staging: ServiceEvidence | undefined,
): CheckOutcome {
  const spec = { kind: 'service.state-differs', service, detail: 'state', severity: 'error' } as const;
  const evidence = {
    expected: 'running',
    local: local.state,
    ...(staging === undefined ? {} : { staging: staging.state }),
  };
  if (local.state !== 'running') {
    return judge(spec, {
      message: `local ${service} is ${local.state}, not running${staging === undefined ? '' : ` (staging: ${staging.state})`}.`,
      evidence,
      remedy: { side: 'local', container: local.container },
    });
  }
  if (staging !== undefined && staging.state !== local.state) {
    return judge(spec, {
      message: `staging's ${service} is ${staging.state}, local's is running.`,
      evidence,
      remedy: { side: 'staging', container: local.container },
    });
  }
  return judge(spec, null);
}

/** Judged only for a running container with a healthcheck: anything else has no health to speak of. */
function unhealthyCheck(service: string, side: Side, evidence: ServiceEvidence): CheckOutcome | undefined {
  if (evidence.health === null || evidence.state !== 'running') return undefined;
  const spec = { kind: 'service.unhealthy', service, detail: side, severity: 'error' } as const;
  if (evidence.health !== 'unhealthy') return judge(spec, null);
  const last = evidence.lastProbes.at(-1);
  const said =
    last === undefined
      ? ''
      : `: its last healthcheck exited ${last.exitCode}${last.output === '' ? '' : ` saying "${last.output.slice(0, 200)}"`}`;
  return judge(spec, {
    message: `${side} ${service} is unhealthy${said}.`,
    evidence: {
      expected: 'healthy',
      [side]: { health: evidence.health, lastProbes: evidence.lastProbes.slice(-2) },
    },
    remedy: { side, container: evidence.container },
  });
}

function restarting(service: string, side: Side, evidence: ServiceEvidence): CheckOutcome {
  const spec = { kind: 'service.restarting', service, detail: side, severity: 'warning' } as const;
  if (evidence.restartCount === 0 && evidence.state !== 'restarting') return judge(spec, null);
  const times = evidence.restartCount === 1 ? 'once' : `${evidence.restartCount} times`;
  return judge(spec, {
    message:
      evidence.state === 'restarting'
        ? `${side} ${service} is restarting right now (restarted ${times} so far): it keeps crashing.`
        : `${side} ${service} was restarted ${times} by the engine: it crashed and came back.`,
    evidence: { expected: 0, [side]: { restartCount: evidence.restartCount, state: evidence.state } },
    remedy: { side, container: evidence.container },
  });
}

import type { ServiceEvidence } from '../../../shared/snapshot-schema';
import { judge, type CheckOutcome } from './check-outcome';
import type { DriftInput } from './drift-input';
import { servicesInScope } from './services-in-scope';

/**
 * Configuration: the required env keys, the key sets and (salted hashes of) values against staging's,
 * and the resolved compose configuration each container was created from.
 */
export function configChecks(input: DriftInput): CheckOutcome[] {
  const outcomes = requiredKeys(input);
  const template = input.contract.env.template;
  for (const service of servicesInScope(input)) {
    const local = input.local.services[service];
    const staging = input.staging?.services[service];
    if (local === undefined || staging === undefined) continue;
    outcomes.push(keysDiffer(service, local, staging, input.contract.env.required, template));
    outcomes.push(valuesDiffer(service, local, staging));
    const hashes = comparableHashes(local.configHash, staging.configHash);
    if (hashes !== null) outcomes.push(composeDiffers(service, hashes.local, hashes.staging));
  }
  return outcomes;
}

/**
 * Which service must carry a required key: parity.yml says only that the stack needs it, not where. With
 * staging's snapshot, the services that carry it on staging must carry it here. Otherwise (or when no
 * staging service has it) at least one local service must define it — requiring it of every service
 * would flag a database that never reads DATABASE_URL.
 */
function requiredKeys(input: DriftInput): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  const template = input.contract.env.template;
  for (const key of [...input.contract.env.required].sort()) {
    const carriers = Object.entries(input.staging?.services ?? {})
      .filter(([, evidence]) => key in evidence.env)
      .map(([service]) => service)
      .sort();
    const checkable = carriers.filter((service) => input.local.services[service] !== undefined);
    if (checkable.length > 0) {
      for (const service of checkable) {
        const has = key in (input.local.services[service]?.env ?? {});
        outcomes.push(
          judge(
            { kind: 'config.env-missing', service, detail: key, severity: 'error' },
            has
              ? null
              : {
                  message: `${key} is required by parity.yml and set for ${service} on staging, but local ${service} does not have it.`,
                  evidence: {
                    expected: key,
                    local: Object.keys(input.local.services[service]?.env ?? {}).sort(),
                    staging: key,
                  },
                  remedy: template === undefined ? { keys: [key] } : { keys: [key], template },
                },
          ),
        );
      }
      continue;
    }
    if (Object.keys(input.local.services).length === 0) continue; // nothing runs: service.missing says so
    const anywhere = Object.values(input.local.services).some((evidence) => key in evidence.env);
    outcomes.push(
      judge(
        { kind: 'config.env-missing', service: null, detail: key, severity: 'error' },
        anywhere
          ? null
          : {
              message: `${key} is required by parity.yml, but no local service has it in its environment.`,
              evidence: { expected: key, local: null },
              remedy: template === undefined ? { keys: [key] } : { keys: [key], template },
            },
      ),
    );
  }
  return outcomes;
}

function keysDiffer(
  service: string,
  local: ServiceEvidence,
  staging: ServiceEvidence,
  required: readonly string[],
  template: string | undefined,
): CheckOutcome {
  const spec = { kind: 'config.env-keys-differ', service, detail: 'keys', severity: 'warning' } as const;
  // A required key missing here is config.env-missing already: one difference, one finding.
  const onlyStaging = Object.keys(staging.env)
    .filter((key) => !(key in local.env) && !required.includes(key))
    .sort();
  const onlyLocal = Object.keys(local.env)
    .filter((key) => !(key in staging.env))
    .sort();
  if (onlyStaging.length === 0 && onlyLocal.length === 0) return judge(spec, null);
  const parts = [
    onlyStaging.length > 0 ? `staging sets ${onlyStaging.join(', ')}, local does not` : '',
    onlyLocal.length > 0 ? `local sets ${onlyLocal.join(', ')}, staging does not` : '',
  ].filter((part) => part !== '');
  return judge(spec, {
    message: `${service}'s environment keys differ: ${parts.join('; ')}.`,
    evidence: { local: onlyLocal, staging: onlyStaging },
    remedy: template === undefined ? { keys: onlyStaging } : { keys: onlyStaging, template },
  });
}

function valuesDiffer(service: string, local: ServiceEvidence, staging: ServiceEvidence): CheckOutcome {
  const spec = { kind: 'config.env-value-differs', service, detail: 'values', severity: 'warning' } as const;
  const keys = Object.keys(local.env)
    .filter((key) => key in staging.env && staging.env[key] !== local.env[key])
    .sort();
  if (keys.length === 0) return judge(spec, null);
  const pick = (env: Record<string, string>): Record<string, string> =>
    Object.fromEntries(keys.map((key) => [key, env[key] ?? '']));
  return judge(spec, {
    message: `${service} has ${keys.length === 1 ? 'a different value' : 'different values'} for ${keys.join(', ')} here and on staging (compared as salted hashes; no value was read).`,
    evidence: { local: pick(local.env), staging: pick(staging.env) },
    remedy: { keys },
  });
}

/**
 * docker compose labels a container with its own hash (bare hex); Parity's `up` with its canonical one
 * (`sha256:` hex). Hashes made by different tools never match, so only hashes of one kind are compared.
 */
function comparableHashes(
  local: string | null,
  staging: string | null,
): { local: string; staging: string } | null {
  if (local === null || staging === null || local === '' || staging === '') return null;
  return local.startsWith('sha256:') === staging.startsWith('sha256:') ? { local, staging } : null;
}

/**
 * Info, not a warning: a hash says only that something differs, and ports published for development
 * (which staging rarely has) change it as surely as a changed command does.
 */
function composeDiffers(service: string, local: string, staging: string): CheckOutcome {
  const spec = { kind: 'config.compose-differs', service, detail: 'config-hash', severity: 'info' } as const;
  if (local === staging) return judge(spec, null);
  const short = (hash: string): string => hash.replace(/^sha256:/, '').slice(0, 12);
  return judge(spec, {
    message: `${service}'s container was created from another compose configuration than staging's (config hash ${short(local)} here, ${short(staging)} on staging): ports, mounts, command or limits differ.`,
    evidence: { local, staging },
  });
}

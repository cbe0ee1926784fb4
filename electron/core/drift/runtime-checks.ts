import { judge, type CheckOutcome } from './check-outcome';
import type { DriftInput } from './drift-input';
import { servicesInScope } from './services-in-scope';

/** Runtimes found inside each service's containers on both sides: one check per runtime and service. */
export function runtimeChecks(input: DriftInput): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  for (const service of servicesInScope(input)) {
    const local = input.local.services[service]?.runtimes;
    const staging = input.staging?.services[service]?.runtimes;
    if (local === undefined || staging === undefined) continue;
    for (const runtime of [...new Set([...Object.keys(local), ...Object.keys(staging)])].sort()) {
      const here = local[runtime];
      const there = staging[runtime];
      outcomes.push(
        judge(
          { kind: 'runtime.version-differs', service, detail: runtime, severity: 'warning' },
          here === there
            ? null
            : {
                message: versionsMessage(service, runtime, here, there),
                evidence: { local: here ?? null, staging: there ?? null },
              },
        ),
      );
    }
  }
  return outcomes;
}

function versionsMessage(service: string, runtime: string, local?: string, staging?: string): string {
  if (local === undefined)
    return `staging's ${service} runs ${runtime} ${staging ?? ''}, local's has no ${runtime}.`;
  if (staging === undefined)
    return `local's ${service} runs ${runtime} ${local}, staging's has no ${runtime}.`;
  return `staging's ${service} runs ${runtime} ${staging}, local's runs ${local}.`;
}

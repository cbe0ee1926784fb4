import type { Finding as HostFinding } from '../host/finding';
import { hostRemediation } from '../remediation/host-remediation';
import { checkId, type CheckOutcome } from './check-outcome';
import type { DriftInput } from './drift-input';
import { weightOf } from './score';

/**
 * The doctor's findings about this machine, as checks: a fact (info) is a check that passed and stays
 * visible in the report; a warning or error is a failed check, weighed like any other.
 */
export function hostChecks(input: DriftInput): CheckOutcome[] {
  const seen = new Map<string, number>();
  return input.host.map((finding) => {
    const base = checkId(finding.kind, null, detailOf(finding));
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const id = count === 1 ? base : `${base}#${count}`;
    return {
      check: {
        id,
        kind: finding.kind,
        service: null,
        weight: weightOf(finding.severity),
        passed: finding.severity === 'info',
      },
      finding: {
        id,
        kind: finding.kind,
        category: 'host',
        severity: finding.severity,
        service: null,
        message: finding.message,
        evidence: { local: { ...finding.evidence } },
        remediation: hostRemediation(finding),
      },
    };
  });
}

/** What tells two findings of one kind apart: the image for emulation, otherwise there is one per host. */
function detailOf(finding: HostFinding): string {
  const image = finding.evidence['image'];
  return typeof image === 'string' && image !== '' ? image : 'host';
}

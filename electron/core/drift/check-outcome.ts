import type {
  DriftCategory,
  DriftCheck,
  DriftFinding,
  DriftKind,
  DriftSeverity,
  FindingEvidence,
} from '../../../shared/drift-report-schema';
import { remediationFor, type RemedyContext } from '../remediation/catalogue';
import { weightOf } from './score';

/** One check as it is declared before it runs: what it looks at and how bad a failure would be. */
export interface CheckSpec {
  kind: DriftKind;
  service: string | null;
  /** What distinguishes this check from others of its kind for the same service (a side, a key, …). */
  detail: string;
  severity: DriftSeverity;
}

/** What a failed check found: the sentence, both sides' evidence, and what the fix needs to know. */
export interface Difference {
  message: string;
  evidence: FindingEvidence;
  remedy?: Omit<RemedyContext, 'service'>;
}

/** A check that ran, and the finding it produced when it failed. */
export interface CheckOutcome {
  check: DriftCheck;
  finding: DriftFinding | null;
}

export function checkId(kind: string, service: string | null, detail: string): string {
  return `${kind}:${service ?? '-'}:${detail}`;
}

export function categoryOf(kind: string): DriftCategory {
  const prefix = kind.slice(0, kind.indexOf('.'));
  switch (prefix) {
    case 'image':
    case 'service':
    case 'config':
    case 'data':
    case 'runtime':
    case 'health':
    case 'host':
      return prefix;
    default:
      throw new Error(`"${kind}" is not a drift kind.`);
  }
}

/**
 * Records the check; a difference turns it into a finding. An info finding is noted, not failed: it is
 * something to know (a host fact, a difference that may be on purpose) rather than drift to fix.
 */
export function judge(spec: CheckSpec, difference: Difference | null): CheckOutcome {
  const id = checkId(spec.kind, spec.service, spec.detail);
  const check: DriftCheck = {
    id,
    kind: spec.kind,
    service: spec.service,
    weight: weightOf(spec.severity),
    passed: difference === null || spec.severity === 'info',
  };
  if (difference === null) return { check, finding: null };
  return {
    check,
    finding: {
      id,
      kind: spec.kind,
      category: categoryOf(spec.kind),
      severity: spec.severity,
      service: spec.service,
      message: difference.message,
      evidence: difference.evidence,
      remediation: remediationFor(spec.kind, { ...difference.remedy, service: spec.service }),
    },
  };
}

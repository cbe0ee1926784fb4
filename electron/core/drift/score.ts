import type { DriftCheck, DriftFinding, DriftSeverity } from '../../../shared/drift-report-schema';

/**
 * How much a check counts towards the score, by how bad its failure would be: a wrong image or a missing
 * service matters more than a changed env value. Info checks (host facts) count a little, so a report of
 * facts alone still has a score.
 */
const WEIGHTS: Record<DriftSeverity, number> = { error: 3, warning: 1, info: 0.25 };

export function weightOf(severity: DriftSeverity): number {
  return WEIGHTS[severity];
}

/** The weighted share of checks that passed. No checks at all is nothing drifted: 1. */
export function scoreOf(checks: readonly DriftCheck[]): number {
  const total = checks.reduce((sum, check) => sum + check.weight, 0);
  if (total === 0) return 1;
  const passing = checks.reduce((sum, check) => sum + (check.passed ? check.weight : 0), 0);
  // Rounded so that 49/50 prints and compares as 0.98, not 0.9799999999999999.
  return Math.round((passing / total) * 1e6) / 1e6;
}

export interface Threshold {
  value: number;
  source: 'flag' | 'contract' | 'default';
}

/** --threshold wins, then parity.yml's threshold, then 1.0: without a word from anyone, all must pass. */
export function resolveThreshold(flag: number | undefined, contract: number | undefined): Threshold {
  if (flag !== undefined) return { value: flag, source: 'flag' };
  if (contract !== undefined) return { value: contract, source: 'contract' };
  return { value: 1, source: 'default' };
}

/** The gate: the score reaches the threshold and nothing is an error. */
export function gatePassed(score: number, threshold: number, findings: readonly DriftFinding[]): boolean {
  return score >= threshold && !findings.some((finding) => finding.severity === 'error');
}

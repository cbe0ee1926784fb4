import {
  DRIFT_CATEGORIES,
  DRIFT_REPORT_SCHEMA_VERSION,
  type DriftReport,
} from '../../../shared/drift-report-schema';
import type { CheckOutcome } from './check-outcome';
import { configChecks } from './config-checks';
import { dataChecks } from './data-checks';
import type { DriftInput } from './drift-input';
import { healthChecks } from './health-checks';
import { hostChecks } from './host-checks';
import { imageChecks } from './image-checks';
import { runtimeChecks } from './runtime-checks';
import { gatePassed, scoreOf, type Threshold } from './score';
import { serviceChecks } from './service-checks';

export interface ReportContext {
  workspace: string;
  /** When the comparison was made: passed in, so the same input always gives the same report. */
  time: string;
  threshold: Threshold;
  /** Where staging's snapshot came from, when there is one. */
  stagingTarget?: string;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Compares the local snapshot with the contract and, when given, with staging's snapshot: every check
 * that ran, the findings of those that failed, the weighted score and the gate's verdict.
 */
export function compareSnapshots(input: DriftInput, context: ReportContext): DriftReport {
  const outcomes: CheckOutcome[] = [
    ...imageChecks(input),
    ...serviceChecks(input),
    ...configChecks(input),
    ...dataChecks(input),
    ...runtimeChecks(input),
    ...healthChecks(input),
    ...hostChecks(input),
  ];
  const checks = outcomes.map((outcome) => outcome.check);
  const findings = outcomes
    .flatMap((outcome) => (outcome.finding === null ? [] : [outcome.finding]))
    .sort(
      (a, b) =>
        DRIFT_CATEGORIES.indexOf(a.category) - DRIFT_CATEGORIES.indexOf(b.category) ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        byText(a.id, b.id),
    );
  const score = scoreOf(checks);
  return {
    schemaVersion: DRIFT_REPORT_SCHEMA_VERSION,
    workspace: context.workspace,
    project: input.local.project,
    time: context.time,
    staging:
      input.staging === null ? null : { target: context.stagingTarget ?? '', project: input.staging.project },
    checks,
    score,
    threshold: context.threshold.value,
    thresholdSource: context.threshold.source,
    passed: gatePassed(score, context.threshold.value, findings),
    findings,
  };
}

/** Code-unit order, not the locale's: the same report on every machine. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

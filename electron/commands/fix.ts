import type { DriftFinding, DriftReport } from '../../shared/drift-report-schema';
import { EXIT } from '../cli-exit-codes';
import { ParityError } from '../core/parity-error';
import { restartContainer } from '../core/remediation/restart-action';
import { parseFixOptions, type FixOptions } from './check-options';
import { runCheck, type CheckRun } from './check-run';

/**
 * `parity fix FINDING-ID|--all`: runs the automated action of a finding (or of every finding that has
 * one), then checks again and prints each finding before and after. Only `restart` is automated so far;
 * the other actions print the command to run by hand. Exit 0 when every chosen finding is gone, 1 when
 * one remains, 2 for an id the check does not report.
 */
export async function fixCommand(args: readonly string[]): Promise<number> {
  const options = parseFixOptions(args);
  const before = await runCheck({ ...options, threshold: undefined });
  const chosen = choose(before.report, options);
  if (chosen.length === 0) {
    process.stdout.write(`parity fix: nothing to fix (score ${before.report.score.toFixed(3)}).\n`);
    return EXIT.ok;
  }

  for (const finding of chosen) {
    process.stdout.write(`parity fix: ${finding.id} — ${finding.remediation.title}\n`);
    const done = await apply(finding, before);
    process.stdout.write(`  ${done}\n`);
  }

  const after = await runCheck({ ...options, threshold: undefined });
  let remaining = 0;
  for (const finding of chosen) {
    const still = after.report.findings.find((f) => f.id === finding.id);
    if (still !== undefined) remaining++;
    process.stdout.write(`before: ✖ ${finding.severity} ${finding.id}  ${finding.message}\n`);
    process.stdout.write(still === undefined ? 'after:  ✓ fixed\n' : `after:  ✖ ${still.message}\n`);
  }
  process.stdout.write(
    `score ${before.report.score.toFixed(3)} → ${after.report.score.toFixed(3)} (threshold ${after.report.threshold}): ` +
      `${after.report.passed ? 'PASSED' : 'FAILED'}\n`,
  );
  return remaining === 0 ? EXIT.ok : EXIT.checkFailed;
}

function choose(report: DriftReport, options: FixOptions): DriftFinding[] {
  if (options.target === 'all') return report.findings.filter((f) => f.remediation.action !== null);
  const { id } = options.target;
  const finding = report.findings.find((f) => f.id === id);
  if (finding === undefined) {
    throw new ParityError(
      'invalid-request',
      `The check reports no finding ${id}.`,
      `See the findings and their ids with: npx parity check${options.staging ? ' --staging' : ''}`,
    );
  }
  return [finding];
}

/** Runs the finding's action, or says why it is not run and what to do instead. */
async function apply(finding: DriftFinding, run: CheckRun): Promise<string> {
  const { action, command } = finding.remediation;
  const byHand = command === null ? finding.remediation.steps.join(' ') : `run: ${command}`;
  if (action !== 'restart') {
    return action === null
      ? `no automated fix; ${byHand}`
      : `the ${action} action is not automated yet; ${byHand}`;
  }
  const container = finding.service === null ? undefined : run.local.services[finding.service]?.container;
  if (container === undefined) return `no local container to restart; ${byHand}`;
  try {
    const outcome = await restartContainer(run.engine, container);
    return outcome.healthyAfterMs === null
      ? `restarted ${container}`
      : `restarted ${container}; healthy after ${(outcome.healthyAfterMs / 1000).toFixed(1)}s`;
  } catch (error) {
    if (!(error instanceof ParityError)) throw error;
    return `restarted ${container}, but: ${error.message}`;
  }
}

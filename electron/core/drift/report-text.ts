import type { DriftFinding, DriftReport } from '../../../shared/drift-report-schema';

const MARK: Record<DriftFinding['severity'], string> = { error: '✖', warning: '!', info: '·' };
const SOURCE: Record<DriftReport['thresholdSource'], string> = {
  flag: '--threshold',
  contract: 'parity.yml',
  default: 'default',
};

/** The report as a terminal shows it: each difference with its fix, then the verdict on the last line. */
export function reportText(report: DriftReport, options: { quiet: boolean }): string {
  const lines: string[] = [];
  const against =
    report.staging === null
      ? 'parity.yml'
      : `parity.yml and staging (${report.staging.target}, project ${report.staging.project})`;
  if (!options.quiet) lines.push(`parity check: ${report.project} against ${against}`);
  const shown = options.quiet ? report.findings.filter((f) => f.severity !== 'info') : report.findings;
  for (const finding of shown) {
    const service = finding.service === null ? '' : `  ${finding.service}`;
    lines.push(
      `${MARK[finding.severity]} ${finding.severity.padEnd(7)} ${finding.kind}${service}  ${finding.message}`,
    );
    if (finding.severity === 'info') continue;
    lines.push(`    fix: ${finding.remediation.title}`);
    // The command when there is one; otherwise the steps, since the fix is an edit or a decision.
    if (finding.remediation.command !== null) lines.push(`      $ ${finding.remediation.command}`);
    else for (const step of finding.remediation.steps) lines.push(`      - ${step}`);
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const passedChecks = report.checks.filter((c) => c.passed).length;
  lines.push(
    `score ${report.score.toFixed(3)} (threshold ${report.threshold}, ${SOURCE[report.thresholdSource]}): ` +
      `${report.passed ? 'PASSED' : 'FAILED'} — ${errors} ${errors === 1 ? 'error' : 'errors'}, ` +
      `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}; ${passedChecks} of ${report.checks.length} checks passed`,
  );
  return `${lines.join('\n')}\n`;
}

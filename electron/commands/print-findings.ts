import type { Finding } from '../core/host/finding';

const MARK: Record<Finding['severity'], string> = { error: '✖', warning: '!', info: '·' };

/** Any finding of the doctor's shape: host findings, and image findings from `parity pull`. */
type PrintableFinding = Omit<Finding, 'kind'> & { kind: string };

/** Findings as a person reads them: the verdict, then what to do and the exact commands. */
export function formatFindings(findings: readonly PrintableFinding[], options: { quiet: boolean }): string {
  const shown = options.quiet ? findings.filter((f) => f.severity !== 'info') : findings;
  const lines: string[] = [];
  for (const finding of shown) {
    lines.push(`${MARK[finding.severity]} ${finding.severity.padEnd(7)} ${finding.kind}  ${finding.message}`);
    if (finding.severity !== 'info') {
      lines.push(`    fix: ${finding.remediation.summary}`);
      for (const command of finding.remediation.commands) lines.push(`      $ ${command}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

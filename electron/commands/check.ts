import { EXIT } from '../cli-exit-codes';
import { writeReport, reportFormatOf } from '../core/drift/report-file';
import { reportText } from '../core/drift/report-text';
import { parseCheckOptions } from './check-options';
import { runCheck } from './check-run';

/**
 * `parity check [--staging] [--threshold N] [--report FILE]`: the local stack against parity.yml, and
 * against staging with --staging. Exit 1 when the score is under the threshold or any finding is an error;
 * 3 when the engine or staging cannot be reached; 2 for bad input.
 */
export async function checkCommand(args: readonly string[]): Promise<number> {
  const options = parseCheckOptions(args);
  if (options.report !== undefined) reportFormatOf(options.report); // refuse a bad name before any work
  const { report } = await runCheck(options);
  if (options.report !== undefined) await writeReport(options.report, report);
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    process.stdout.write(reportText(report, { quiet: options.quiet }));
    if (options.report !== undefined) process.stdout.write(`report: ${options.report}\n`);
  }
  return report.passed ? EXIT.ok : EXIT.checkFailed;
}

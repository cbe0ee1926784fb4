import type { DriftFinding, DriftReport } from '../../shared/drift-report-schema';
import { EXIT } from '../cli-exit-codes';
import { ParityError } from '../core/parity-error';
import { fixFindings } from '../core/remediation/fix-findings';
import { openWorkspaceContext } from '../core/workspace/workspace-context';
import { parseFixOptions, type FixOptions } from './check-options';
import { runCheck } from './check-run';

/**
 * `parity fix FINDING-ID|--all`: runs the automated action of a finding (or of every finding that has
 * one) with its output as it happens, then checks again and prints each finding before and after and the
 * score before → after. A finding without a safe action prints the command to run by hand. Exit 0 when
 * every chosen finding is gone, 1 when one remains, 2 for an id the check does not report.
 */
export async function fixCommand(args: readonly string[]): Promise<number> {
  const options = parseFixOptions(args);
  const before = await runCheck({ ...options, threshold: undefined });
  const chosen = choose(before.report, options);
  if (chosen.length === 0) {
    process.stdout.write(`parity fix: nothing to fix (score ${before.report.score.toFixed(3)}).\n`);
    return EXIT.ok;
  }
  const workspace = await openWorkspaceContext(options.workspace);
  const interrupt = new AbortController();
  const onInterrupt = (): void => interrupt.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  let started = '';
  try {
    const fixed = await fixFindings({
      workspace,
      engine: before.engine,
      before: before.report,
      findings: chosen,
      recheck: async () => (await runCheck({ ...options, threshold: undefined })).report,
      onOutput: (id, text) => {
        if (id !== started) {
          started = id;
          const finding = chosen.find((f) => f.id === id);
          process.stdout.write(`parity fix: ${id} — ${finding?.remediation.title ?? ''}\n`);
        }
        for (const line of text.split('\n').filter((l) => l.trim() !== ''))
          process.stdout.write(`  │ ${line}\n`);
      },
      onResult: (result) => {
        if (result.findingId !== started) {
          started = result.findingId;
          process.stdout.write(`parity fix: ${result.findingId}\n`);
        }
        const mark = result.ok ? '✓' : '✖';
        process.stdout.write(
          `  ${mark} ${result.summary}${result.byHand ? `; by hand: ${result.byHand}` : ''}\n`,
        );
      },
      signal: interrupt.signal,
    });
    let remaining = 0;
    for (const { before: was, after } of fixed.comparisons) {
      if (after !== null) remaining++;
      process.stdout.write(`before: ✖ ${was.severity} ${was.id}  ${was.message}\n`);
      process.stdout.write(after === null ? 'after:  ✓ fixed\n' : `after:  ✖ ${after.message}\n`);
    }
    process.stdout.write(
      `score ${fixed.scoreBefore.toFixed(3)} → ${fixed.scoreAfter.toFixed(3)} (threshold ${fixed.threshold}): ` +
        `${fixed.passedAfter ? 'PASSED' : 'FAILED'}\n`,
    );
    return remaining === 0 ? EXIT.ok : EXIT.checkFailed;
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
    process.stderr.write('parity fix: interrupted\n');
    return EXIT.interrupted;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
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

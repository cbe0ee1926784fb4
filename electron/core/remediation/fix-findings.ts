import type { DriftFinding, DriftReport } from '../../../shared/drift-report-schema';
import type { FixFindingsResult, RemediationResult } from '../../../shared/remediation-result-schema';
import type { DockerEngine } from '../engine/docker-engine';
import type { WorkspaceContext } from '../workspace/workspace-context';
import { applyRemediation } from './apply-remediation';

export interface FixFindingsInput {
  workspace: WorkspaceContext;
  engine: DockerEngine;
  /** The report the findings come from: its score is "before". */
  before: DriftReport;
  findings: readonly DriftFinding[];
  /** Runs the same checks again (the caller knows whether staging takes part). */
  recheck: () => Promise<DriftReport>;
  onOutput: (findingId: string, text: string) => void;
  /** Called when one finding's action has finished, before the next one starts. */
  onResult?: (result: RemediationResult) => void;
  signal?: AbortSignal;
}

/**
 * Runs the chosen findings' actions one after another (they share the stack: two `up`s at once would
 * race), then re-runs the checks once and pairs every finding with what the re-check says about it.
 */
export async function fixFindings(input: FixFindingsInput): Promise<FixFindingsResult> {
  const results: RemediationResult[] = [];
  for (const finding of input.findings) {
    const result = await applyRemediation({
      workspace: input.workspace,
      engine: input.engine,
      finding,
      onOutput: (text) => input.onOutput(finding.id, text),
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
    results.push(result);
    input.onResult?.(result);
  }
  const after = await input.recheck();
  return {
    results,
    comparisons: input.findings.map((finding) => ({
      before: finding,
      after: after.findings.find((f) => f.id === finding.id) ?? null,
    })),
    scoreBefore: input.before.score,
    scoreAfter: after.score,
    threshold: after.threshold,
    passedAfter: after.passed,
  };
}

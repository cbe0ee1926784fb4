import { z } from 'zod';
import { driftFindingSchema, remediationActionSchema } from './drift-report-schema';

/**
 * What one automated fix did: the CLI prints it, the app sends it over IPC to the "Fix it" panel.
 * `ran` is false when the finding has no safe action (or nothing to act on): `byHand` says what to do.
 */
export const remediationResultSchema = z.object({
  findingId: z.string(),
  action: remediationActionSchema.nullable(),
  ran: z.boolean(),
  ok: z.boolean(),
  /** One line saying what happened, e.g. "restarted parity-lab-app-1; healthy after 1.2s". */
  summary: z.string(),
  /** The command or steps to do it by hand when the action did not run or failed. */
  byHand: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});

/** One chosen finding before the fixes and after the re-check (null after: it is gone). */
export const fixComparisonSchema = z.object({
  before: driftFindingSchema,
  after: driftFindingSchema.nullable(),
});

export const fixFindingsResultSchema = z.object({
  results: z.array(remediationResultSchema),
  comparisons: z.array(fixComparisonSchema),
  scoreBefore: z.number().min(0).max(1),
  scoreAfter: z.number().min(0).max(1),
  threshold: z.number().min(0).max(1),
  passedAfter: z.boolean(),
});

export type RemediationResult = z.output<typeof remediationResultSchema>;
export type FixComparison = z.output<typeof fixComparisonSchema>;
export type FixFindingsResult = z.output<typeof fixFindingsResultSchema>;

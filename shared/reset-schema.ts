import { z } from 'zod';

/** A baseline id as the store names them: `20261202T041600Z-a1b2c3`. */
export const baselineIdSchema = z.string().regex(/^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$/, 'a baseline id');

/** A compose service name: nothing that could be read as a path or an option. */
const serviceNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a compose service name');

/** A baseline as the Reset screen lists it: what it holds, how big, how old. */
export const baselineSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['manual', 'first', 'before-reset']),
  createdAt: z.string(),
  /** The git commit the contract files were at, when the workspace is a git repository. */
  commit: z.string().nullable(),
  files: z.array(z.string()),
  volumes: z.array(z.object({ key: z.string(), bytes: z.number() })),
  bytes: z.number(),
});
export type BaselineSummary = z.output<typeof baselineSummarySchema>;

/** `baseline:list`: the baselines (newest first) and what a reset would meet in the workspace now. */
export const baselineListSchema = z.object({
  baselines: z.array(baselineSummarySchema),
  /** The newest baseline that is not an automatic before-reset one: what "Reset" returns to. */
  lastKnownGood: z.string().nullable(),
  /** The newest before-reset baseline: what "Undo reset" returns to. */
  undoTo: z.string().nullable(),
  /** Contract files with uncommitted changes, which a reset would overwrite (only with force). */
  uncommitted: z.array(z.string()),
  /** A reset interrupted between steps; running it again finishes it. */
  pending: z.object({ target: z.string(), service: z.string().nullable() }).nullable(),
  /** The compose services, for a one-service reset. */
  services: z.array(z.string()),
});
export type BaselineList = z.output<typeof baselineListSchema>;

export const baselineSaveRequestSchema = z
  .object({ name: z.string().trim().min(1).max(100).optional() })
  .strict();

export const rollbackRunRequestSchema = z
  .object({
    /** Default: the last known-good baseline. */
    to: baselineIdSchema.optional(),
    /** Reset this service's containers and volumes only; the others keep running. */
    service: serviceNameSchema.optional(),
    /** Overwrite contract files with uncommitted changes (the before-reset baseline keeps a copy). */
    force: z.boolean().optional(),
  })
  .strict();

export const rollbackUndoRequestSchema = z.object({ force: z.boolean().optional() }).strict();

/** One step of a rollback as it streams: one JSON line per change of status. */
export const rollbackStepSchema = z.object({
  step: z.string(),
  status: z.enum(['running', 'done', 'skipped', 'failed']),
  label: z.string(),
  detail: z.string().optional(),
});
export type RollbackStepView = z.output<typeof rollbackStepSchema>;

/** What a finished rollback changed: the stream's end result, and the CLI's --json output. */
export const rollbackOutcomeSchema = z.object({
  target: z.string(),
  targetName: z.string(),
  service: z.string().nullable(),
  beforeReset: z.string(),
  restoredFiles: z.array(z.string()),
  restoredVolumes: z.array(z.string()),
  pruned: z.array(z.string()),
  check: z.object({ passed: z.boolean(), score: z.number() }),
});
export type RollbackOutcome = z.output<typeof rollbackOutcomeSchema>;

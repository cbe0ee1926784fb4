import { z } from 'zod';

/** A known-good bundle Parity can always return to (DESIGN.md: Remediation and rollback). */
export const BASELINE_SCHEMA_VERSION = 1;

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/);

export const baselineSchema = z.object({
  schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
  id: z.string().regex(/^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$/),
  name: z.string(),
  /** `manual` (baseline save), `first` (offered after the first healthy up), `before-reset` (automatic). */
  kind: z.enum(['manual', 'first', 'before-reset']),
  createdAt: z.string(),
  project: z.string(),
  workspace: z.string(),
  git: z.object({ commit: z.string().nullable() }),
  /** The contract files, copied into the baseline, with their digests. */
  files: z.array(z.object({ path: z.string(), digest })),
  /** Image references by service, as running when the baseline was saved. */
  images: z.record(z.string(), z.string()),
  /** The environment keys each service had (never values). */
  envKeys: z.record(z.string(), z.array(z.string())),
  seed: digest.nullable(),
  /** Which services mount each volume (by compose volume key), so one service can be reset alone. */
  volumeUsers: z.record(z.string(), z.array(z.string())),
  volumes: z.array(
    z.object({
      /** The compose volume key (`db-data`) and the engine's name for it (`project_db-data`). */
      key: z.string(),
      name: z.string(),
      archive: z.string(),
      digest,
      bytes: z.number().int().min(0),
    }),
  ),
});

export type Baseline = z.output<typeof baselineSchema>;

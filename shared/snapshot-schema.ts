import { z } from 'zod';

/**
 * One side's evidence (local or staging), as plain JSON with a version: what runs, how healthy it is, what
 * it was configured with (environment values only as salted hashes — values never leave their machine),
 * which runtimes it carries, what its health endpoint says, and the database's schema and data digests.
 * Each drift check is a pure function of two of these.
 */
export const SNAPSHOT_SCHEMA_VERSION = 1;

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/);

export const healthProbeSchema = z.object({
  exitCode: z.number().int(),
  /** The probe's output, trimmed and capped: remote text is untrusted. */
  output: z.string(),
  end: z.string(),
});

export const serviceEvidenceSchema = z.object({
  container: z.string(),
  state: z.string(),
  health: z.string().nullable(),
  /** The engine keeps the last five probe results. */
  lastProbes: z.array(healthProbeSchema),
  restartCount: z.number().int().min(0),
  image: z.object({
    /** The reference the container was created from (Config.Image). */
    reference: z.string(),
    id: z.string(),
    repoDigests: z.array(z.string()),
    platform: z.string(),
  }),
  /** The com.docker.compose.config-hash label: the resolved service configuration it was created from. */
  configHash: z.string().nullable(),
  /** Environment keys → salted sha256 of the value. */
  env: z.record(z.string(), z.string()),
  /** Runtime versions found in the container: node, python, java, ruby, go, postgres. */
  runtimes: z.record(z.string(), z.string()),
});

export const healthPayloadSchema = z.union([
  z.object({ payload: z.unknown() }),
  z.object({ error: z.string() }),
]);

export const snapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  side: z.enum(['local', 'staging']),
  project: z.string(),
  takenAt: z.string(),
  engine: z.object({ version: z.string(), apiVersion: z.string(), arch: z.string() }).nullable(),
  services: z.record(z.string(), serviceEvidenceSchema),
  /** Per service with a health endpoint in the contract: the JSON, keys sorted, ignored paths removed. */
  health: z.record(z.string(), healthPayloadSchema),
  data: z.object({ schema: digest.nullable(), seed: digest.nullable() }),
});

export type Snapshot = z.output<typeof snapshotSchema>;
export type ServiceEvidence = z.output<typeof serviceEvidenceSchema>;
export type HealthPayload = z.output<typeof healthPayloadSchema>;

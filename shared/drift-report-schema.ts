import { z } from 'zod';

/**
 * The drift report: what `parity check` found when it compared the local snapshot with the contract (and
 * with staging's snapshot), as versioned JSON. The CLI prints it, writes it for CI (`--report drift.json`),
 * and the app renders the same object, so the finding ids and kinds here are a public, stable vocabulary.
 */
export const DRIFT_REPORT_SCHEMA_VERSION = 1;

/** Every kind a drift check can report. host.* kinds come from the host doctor and are passed through. */
export const DRIFT_KINDS = [
  'image.not-pinned',
  'image.digest-mismatch',
  'image.tag-moved',
  'image.platform-emulated',
  'image.staging-differs',
  'service.missing',
  'service.unhealthy',
  'service.state-differs',
  'service.restarting',
  'config.env-missing',
  'config.env-keys-differ',
  'config.env-value-differs',
  'config.compose-differs',
  'data.schema-differs',
  'data.seed-mismatch',
  'runtime.version-differs',
  'health.payload-differs',
] as const;

export const DRIFT_CATEGORIES = ['image', 'service', 'config', 'data', 'runtime', 'health', 'host'] as const;

/** The automated fixes `parity fix` knows; a finding without one is fixed by hand. */
export const REMEDIATION_ACTIONS = ['pull', 'recreate', 'restart', 'reseed', 'env-from-template'] as const;

export const driftKindSchema = z.enum(DRIFT_KINDS);
/** host.* kinds are owned by the doctor; the report accepts any of them rather than duplicating its list. */
const hostKindSchema = z.string().regex(/^host\.[a-z0-9-]+$/);
export const findingKindSchema = z.union([driftKindSchema, hostKindSchema]);
export const driftCategorySchema = z.enum(DRIFT_CATEGORIES);
export const severitySchema = z.enum(['error', 'warning', 'info']);
export const remediationActionSchema = z.enum(REMEDIATION_ACTIONS);

/**
 * What each side showed. JSON values only, and never an environment value: env evidence is keys and
 * salted hashes, so a report can be uploaded from CI without leaking a secret.
 */
export const findingEvidenceSchema = z.object({
  expected: z.json().optional(),
  local: z.json().optional(),
  staging: z.json().optional(),
});

export const findingRemediationSchema = z.object({
  /** The catalogue entry's id: the finding kind it explains. */
  id: z.string(),
  title: z.string(),
  why: z.string(),
  steps: z.array(z.string()),
  /** The exact command equivalent a person can paste, or null when the fix is an edit or a decision. */
  command: z.string().nullable(),
  /** The automated action `parity fix` runs for this finding, or null when none is safe. */
  action: remediationActionSchema.nullable(),
});

export const driftFindingSchema = z.object({
  /** `${kind}:${service ?? '-'}:${detail}`: the same difference has the same id in every run. */
  id: z.string(),
  kind: findingKindSchema,
  category: driftCategorySchema,
  severity: severitySchema,
  service: z.string().nullable(),
  message: z.string(),
  evidence: findingEvidenceSchema,
  remediation: findingRemediationSchema,
});

/** One check that ran. A failed check has a finding with the same id; its weight grows with severity. */
export const driftCheckSchema = z.object({
  id: z.string(),
  kind: findingKindSchema,
  service: z.string().nullable(),
  weight: z.number().positive(),
  passed: z.boolean(),
});

export const driftReportSchema = z.object({
  schemaVersion: z.literal(DRIFT_REPORT_SCHEMA_VERSION),
  /** The folder holding parity.yml. */
  workspace: z.string(),
  /** The local compose project that was checked. */
  project: z.string(),
  time: z.string(),
  /** Where staging's evidence came from, or null when only the contract was checked. */
  staging: z.object({ target: z.string(), project: z.string() }).nullable(),
  checks: z.array(driftCheckSchema),
  /** The weighted share of checks that passed, from 0 to 1. */
  score: z.number().min(0).max(1),
  threshold: z.number().min(0).max(1),
  /** Where the threshold came from: --threshold, parity.yml, or the default of 1.0. */
  thresholdSource: z.enum(['flag', 'contract', 'default']),
  /** score >= threshold and no error finding. */
  passed: z.boolean(),
  findings: z.array(driftFindingSchema),
});

export type DriftKind = z.output<typeof driftKindSchema>;
export type FindingKindName = z.output<typeof findingKindSchema>;
export type DriftCategory = z.output<typeof driftCategorySchema>;
export type DriftSeverity = z.output<typeof severitySchema>;
export type RemediationAction = z.output<typeof remediationActionSchema>;
export type FindingEvidence = z.output<typeof findingEvidenceSchema>;
export type FindingRemediation = z.output<typeof findingRemediationSchema>;
export type DriftFinding = z.output<typeof driftFindingSchema>;
export type DriftCheck = z.output<typeof driftCheckSchema>;
export type DriftReport = z.output<typeof driftReportSchema>;

import type { FindingEvidence } from '../../../shared/drift-report-schema';

export type JsonValue = Exclude<FindingEvidence['local'], undefined>;

/** A value parsed from JSON (a health payload) back as a JSON value: a round trip drops anything else. */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}

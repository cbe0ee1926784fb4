import { judge, type CheckOutcome } from './check-outcome';
import type { DriftInput } from './drift-input';
import { shortDigest } from './image-identity';

/** sha256 of nothing: the schema of a database without a single table. */
const EMPTY = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Data: the schema against staging's, the seeded data against parity.yml's checksum and staging's dump. */
export function dataChecks(input: DriftInput): CheckOutcome[] {
  const service = input.contract.seed.service;
  const local = input.local.data;
  const staging = input.staging?.data;
  const outcomes: CheckOutcome[] = [];
  let schemasDiffer = false;

  if (local.schema !== null && staging?.schema != null) {
    schemasDiffer = local.schema !== staging.schema;
    outcomes.push(
      judge(
        { kind: 'data.schema-differs', service, detail: 'schema', severity: 'error' },
        schemasDiffer
          ? {
              message: `The database schema differs: ${schemaText(local.schema)} here, ${schemaText(staging.schema)} on staging — a migration ran on one side only.`,
              evidence: { local: local.schema, staging: staging.schema },
            }
          : null,
      ),
    );
  }

  const pinned = input.contract.seed.checksum;
  if (pinned !== undefined && local.seed !== null) {
    outcomes.push(
      judge(
        { kind: 'data.seed-mismatch', service, detail: 'contract', severity: 'error' },
        local.seed === pinned
          ? null
          : {
              message: `The local data's checksum is ${shortDigest(local.seed)}, parity.yml expects ${shortDigest(pinned)}: the data is not what the seed makes.`,
              evidence: { expected: pinned, local: local.seed },
            },
      ),
    );
  }

  // Different schemas make different dumps: that is one difference, already reported above.
  if (local.seed !== null && staging?.seed != null && !schemasDiffer) {
    outcomes.push(
      judge(
        { kind: 'data.seed-mismatch', service, detail: 'staging', severity: 'warning' },
        local.seed === staging.seed
          ? null
          : {
              message: `The data differs from staging's: dump checksum ${shortDigest(local.seed)} here, ${shortDigest(staging.seed)} on staging.`,
              evidence: { expected: pinned ?? null, local: local.seed, staging: staging.seed },
            },
      ),
    );
  }
  return outcomes;
}

function schemaText(digest: string): string {
  return digest === EMPTY ? 'no tables at all' : shortDigest(digest);
}

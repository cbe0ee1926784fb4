import type { ParityContract } from '../../../shared/parity-schema';
import { execInContainer } from '../engine/container-exec';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';
import { dumpDigest } from './dump-digest';
import { schemaDigest } from './schema-digest';

export type SeedSpec = ParityContract['seed'];

export interface SeedOutcome {
  /** The digest of the canonical dump after seeding. */
  checksum: string;
  dumpBytes: number;
  /** The contract's expected checksum, when it records one. */
  expected: string | null;
  matches: boolean | null;
  schema: string | null;
}

/**
 * `parity seed`: runs the contract's seed command in its service's container with the contract's env
 * (SEED_RANDOM and the rest), streaming its output, then hashes the canonical dump and compares it with
 * the checksum in parity.yml. Deterministic seeds make the same checksum on every machine.
 */
export async function runSeed(
  engine: DockerEngine,
  container: string,
  seed: SeedSpec,
  output: { write: (chunk: Buffer) => void; signal?: AbortSignal },
): Promise<SeedOutcome> {
  const cmd = typeof seed.command === 'string' ? ['sh', '-c', seed.command] : seed.command;
  const sinks = {
    stdout: output.write,
    stderr: output.write,
    ...(output.signal === undefined ? {} : { signal: output.signal }),
  };
  const exitCode = await execInContainer(engine, container, { cmd, env: seed.env ?? {} }, sinks);
  if (exitCode !== 0) {
    throw new ParityError(
      'engine-error',
      `The seed command (${cmd.join(' ')}) failed in ${container} with exit code ${exitCode}; its output is above.`,
      'Fix the seed script, then run: npx parity seed',
    );
  }
  const dump = await dumpDigest(engine, container, seed.dump, output.signal);
  const expected = seed.checksum ?? null;
  return {
    checksum: dump.digest,
    dumpBytes: dump.bytes,
    expected,
    matches: expected === null ? null : expected === dump.digest,
    schema: await schemaDigest(engine, container, seed.dump),
  };
}

import { createHash } from 'node:crypto';
import { execInContainer } from '../engine/container-exec';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';

const STDERR_KEEP_BYTES = 16 * 1024;

export interface DumpDigest {
  /** `sha256:<hex>` of the dump's bytes, exactly as the dump command printed them. */
  digest: string;
  bytes: number;
}

/**
 * Hashes the dump command's stdout as it streams out of the container: a dump can be gigabytes and is
 * never held in memory.
 */
export async function dumpDigest(
  engine: DockerEngine,
  container: string,
  dump: readonly string[],
  signal?: AbortSignal,
): Promise<DumpDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  let stderr = '';
  const exitCode = await execInContainer(
    engine,
    container,
    { cmd: dump },
    {
      stdout: (chunk) => {
        bytes += chunk.length;
        hash.update(chunk);
      },
      stderr: (chunk) => {
        if (stderr.length < STDERR_KEEP_BYTES) stderr += chunk.toString('utf8');
      },
      ...(signal === undefined ? {} : { signal }),
    },
  );
  if (exitCode !== 0) {
    throw new ParityError(
      'engine-error',
      `The dump command (${dump.join(' ')}) failed in ${container} with exit code ${exitCode}: ${stderr.trim().slice(0, 500)}`,
      'Check seed.dump in parity.yml and that the database is up.',
    );
  }
  return { digest: `sha256:${hash.digest('hex')}`, bytes };
}

import { createHash } from 'node:crypto';
import { execCapture } from '../engine/container-exec';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';

/** A schema-only dump is small (kilobytes for most apps); anything past this is refused, not buffered. */
const MAX_SCHEMA_BYTES = 32 * 1024 * 1024;

/**
 * The schema-only variant of the contract's dump command, when Parity knows the tool: pg_dump takes
 * --schema-only, mysqldump --no-data. Unknown tools have no schema hash (the seed checksum still works).
 */
export function schemaDumpCommand(dump: readonly string[]): string[] | undefined {
  const [tool, ...args] = dump;
  if (tool === undefined) return undefined;
  const name = tool.split('/').pop();
  if (name === 'pg_dump') return [tool, '--schema-only', ...args.filter((a) => a !== '--data-only')];
  if (name === 'mysqldump') return [tool, '--no-data', ...args];
  return undefined;
}

/**
 * Lines of a schema dump that say nothing about the schema: comments, session settings, ownership and
 * privileges (which differ between a laptop and staging by design), and pg_dump's random \restrict key.
 */
const NOISE = [
  /^--/,
  /^SET /,
  /^SELECT pg_catalog\.set_config\(/,
  /^\\(un)?restrict /,
  /^ALTER .* OWNER TO /,
  /^(GRANT|REVOKE) /,
  /^\/\*!\d+ .*\*\/;$/,
];

export function normaliseSchemaDump(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !NOISE.some((pattern) => pattern.test(line)))
    .join('\n');
}

/** `sha256:<hex>` of the normalised schema, or null when the dump tool has no schema-only mode we know. */
export async function schemaDigest(
  engine: DockerEngine,
  container: string,
  dump: readonly string[],
): Promise<string | null> {
  const command = schemaDumpCommand(dump);
  if (command === undefined) return null;
  const result = await execCapture(engine, container, { cmd: command }, MAX_SCHEMA_BYTES);
  if (result.exitCode !== 0) {
    throw new ParityError(
      'engine-error',
      `The schema dump (${command.join(' ')}) failed in ${container} with exit code ${result.exitCode}: ${result.stderr.trim().slice(0, 500)}`,
    );
  }
  return `sha256:${createHash('sha256').update(normaliseSchemaDump(result.stdout)).digest('hex')}`;
}

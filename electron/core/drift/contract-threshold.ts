import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/**
 * The threshold parity.yml actually writes, or undefined. The schema fills in a default when the key is
 * absent, but the gate's rule is "the flag, else the contract's, else 1.0", so a default the team never
 * wrote must not loosen the gate. The file has already been validated; this only asks whether the key is there.
 */
export async function writtenThreshold(contractPath: string, loaded: number): Promise<number | undefined> {
  const text = await readFile(contractPath, 'utf8').catch(() => '');
  let document: unknown;
  try {
    document = parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const written = typeof document === 'object' && document !== null && Object.hasOwn(document, 'threshold');
  return written ? loaded : undefined;
}

import { createHash } from 'node:crypto';
import type { ComposeService } from './compose-file.js';

/** JSON with object keys sorted at every depth, so equal configs hash equal however they were written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The lab's com.docker.compose.config-hash: sha256 of the interpolated service config. */
export function configHash(service: ComposeService): string {
  return createHash('sha256').update(canonicalJson(service)).digest('hex');
}

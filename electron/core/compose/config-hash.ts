import { createHash } from 'node:crypto';
import type { ComposeModel, ComposeService } from './model';
import { setOwn } from './own-property';

/**
 * JSON with every object's keys sorted, so the same configuration written in another key order (or
 * resolved on another run) gives the same text. Lists keep their order: in a command it is meaning.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    const entries = Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, entry] of entries) setOwn(sorted, key, entry);
    return sorted;
  });
}

/** `sha256:<hex>` of one resolved service: what the lockfile records and snapshots compare. */
export function configHash(service: ComposeService): string {
  return sha256(canonicalJson(service));
}

/** `sha256:<hex>` of the whole resolved model. */
export function modelHash(model: ComposeModel): string {
  return sha256(canonicalJson(model));
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

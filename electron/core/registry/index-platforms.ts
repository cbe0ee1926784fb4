import type { IndexEntry } from './manifest';
import { formatPlatform, normalisePlatform, samePlatform, type Platform } from './platform';

/** One runnable image of a multi-platform index. */
export interface PlatformManifest {
  platform: Platform;
  digest: string;
}

/**
 * The runnable images an index lists. BuildKit adds attestation manifests (SBOM, provenance) as entries
 * with platform unknown/unknown; they are not images anyone runs, so they are left out, as are entries
 * without a platform at all.
 */
export function platformManifests(entries: readonly IndexEntry[]): PlatformManifest[] {
  const found: PlatformManifest[] = [];
  for (const entry of entries) {
    if (entry.platform === undefined) continue;
    if (entry.platform.os === 'unknown' || entry.platform.architecture === 'unknown') continue;
    if (entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
    found.push({ platform: normalisePlatform(entry.platform), digest: entry.digest });
  }
  return found;
}

/** The manifest for one platform, the first listed when an index (oddly) lists a platform twice. */
export function selectPlatform(
  entries: readonly PlatformManifest[],
  wanted: Platform,
): PlatformManifest | undefined {
  return entries.find((entry) => samePlatform(entry.platform, wanted));
}

/** platform → manifest digest, keyed the way parity.lock records it. */
export function platformMap(entries: readonly PlatformManifest[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const key = formatPlatform(entry.platform);
    if (!Object.hasOwn(map, key)) map[key] = entry.digest;
  }
  return map;
}

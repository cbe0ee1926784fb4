import type { ServiceDigests } from '../../../shared/service-digests-schema';
import type { ServiceEvidence, Snapshot } from '../../../shared/snapshot-schema';
import { digestsOf, pinnedDigest } from './image-identity';

/**
 * The image digests side by side per service, from the contract's pins and both snapshots. A running
 * image is named by the pinned digest when the engine knows it by that one (a multi-arch pull has several),
 * else by its first registry digest, else by its image id.
 */
export function serviceDigests(
  images: Readonly<Record<string, string>>,
  local: Snapshot,
  staging: Snapshot | null,
  checkedAt: string,
): ServiceDigests {
  const names = [
    ...new Set([
      ...Object.keys(images),
      ...Object.keys(local.services),
      ...Object.keys(staging?.services ?? {}),
    ]),
  ].sort();
  return {
    checkedAt,
    services: names.map((service) => {
      const pinned = images[service] === undefined ? null : pinnedDigest(images[service]);
      return {
        service,
        pinned,
        running: runningDigest(local.services[service], pinned),
        staging: runningDigest(staging?.services[service], pinned),
      };
    }),
  };
}

function runningDigest(evidence: ServiceEvidence | undefined, pinned: string | null): string | null {
  if (evidence === undefined) return null;
  const known = digestsOf(evidence.image);
  if (pinned !== null && known.has(pinned)) return pinned;
  return [...known][0] ?? (evidence.image.id === '' ? null : evidence.image.id);
}

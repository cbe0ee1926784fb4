import type { ParityLock } from '../../../shared/lock-schema';
import type { ParityContract } from '../../../shared/parity-schema';
import { parseImageReference, type ImageReference } from '../registry/image-reference';
import { formatPlatform, parsePlatform } from '../registry/platform';
import type { ImageFinding } from './image-finding';
import { notPinned, pinNotFound, platformMissing, tagMoved } from './image-findings';
import { manifestPlatforms, type ManifestSource } from './image-platforms';

/** One contract image, resolved to exactly what Parity pulls and records in parity.lock. */
export interface ResolvedImage {
  service: string;
  ref: ImageReference;
  /** The pin, or for a tag: the digest parity.lock holds for it, or what it names now. */
  digest: string;
  mediaType: string;
  /** Normalised platform (`linux/arm64/v8`) → that platform's manifest digest. */
  platforms: Record<string, string>;
  /** The tag and the digest parity.lock should keep recording for it. */
  tag: { name: string; digest: string } | undefined;
}

export interface Resolution {
  images: ResolvedImage[];
  /** Images that could not be resolved (their findings say why); nothing is pulled for them. */
  unresolved: string[];
  findings: ImageFinding[];
}

export interface ResolveOptions {
  /** The lock written by the last pull, when there is one: the record of what each tag named then. */
  lock?: ParityLock | undefined;
  /** Record what tags name now instead of what the lock holds (`parity pull --update`). */
  update?: boolean;
}

/**
 * Checks every image of the contract against its registry: a pin must exist and provide every contract
 * platform; a tag is resolved to the digest to pin; a tag the lock recorded must still name the same
 * digest. Registry failures (unreachable, a login refused) throw: they are the environment's fault, and the
 * CLI exits 3 for them; everything about the images themselves becomes a finding.
 */
export async function resolveImages(
  contract: ParityContract,
  registry: ManifestSource,
  options: ResolveOptions = {},
): Promise<Resolution> {
  const services = Object.keys(contract.images).sort();
  // Independent registries and repositories: ask them all at once.
  const outcomes = await Promise.all(
    services.map((service) =>
      resolveOne(service, contract.images[service] ?? '', contract.platforms, registry, options),
    ),
  );
  const resolution: Resolution = { images: [], unresolved: [], findings: [] };
  outcomes.forEach((outcome, i) => {
    resolution.findings.push(...outcome.findings);
    if (outcome.image) resolution.images.push(outcome.image);
    else resolution.unresolved.push(services[i] ?? '');
  });
  return resolution;
}

async function resolveOne(
  service: string,
  reference: string,
  contractPlatforms: readonly string[],
  registry: ManifestSource,
  options: ResolveOptions,
): Promise<{ image?: ResolvedImage; findings: ImageFinding[] }> {
  const ref = parseImageReference(reference);
  const findings: ImageFinding[] = [];
  const current = ref.tag === undefined ? null : await registry.manifestDigest(ref, ref.tag);
  const lockedTag = lockedTagDigest(options.lock, service, ref);

  if (ref.digest === undefined && current === null) {
    return { findings: [pinNotFound(service, ref, { from: 'tag' }, null)] };
  }
  const moved = lockedTag !== undefined && current !== null && lockedTag !== current;
  const keepLocked = moved && !options.update;
  if (keepLocked) findings.push(tagMoved(service, ref, lockedTag, current, ref.digest !== undefined));

  const from = ref.digest !== undefined ? 'pin' : keepLocked ? 'lock' : 'tag';
  const digest = ref.digest ?? (keepLocked ? lockedTag : current) ?? '';
  const fetched = await registry.manifest(ref, digest);
  if (fetched === null) {
    const tagNow = current !== null && current !== digest ? current : null;
    return { findings: [...findings, pinNotFound(service, ref, { digest, from }, tagNow)] };
  }
  if (ref.digest === undefined) findings.push(notPinned(service, ref, digest));

  const platforms = await manifestPlatforms(registry, ref, fetched);
  const provided = Object.keys(platforms).sort();
  for (const wanted of contractPlatforms) {
    const platform = parsePlatform(wanted);
    if (platform !== null && !Object.hasOwn(platforms, formatPlatform(platform))) {
      findings.push(platformMissing(service, ref, digest, wanted, provided, 'contract'));
    }
  }

  const tagDigest = keepLocked ? lockedTag : current;
  return {
    image: {
      service,
      ref,
      digest,
      mediaType: fetched.mediaType,
      platforms,
      tag: ref.tag !== undefined && tagDigest !== null ? { name: ref.tag, digest: tagDigest } : undefined,
    },
    findings,
  };
}

/** What parity.lock recorded for this service's tag, when the lock is about the same repository and tag. */
function lockedTagDigest(
  lock: ParityLock | undefined,
  service: string,
  ref: ImageReference,
): string | undefined {
  const entry = lock?.images[service];
  if (entry?.tag === undefined || ref.tag === undefined || entry.tag.name !== ref.tag) return undefined;
  const lockedRef = safeParse(entry.reference);
  if (lockedRef === undefined || lockedRef.domain !== ref.domain || lockedRef.path !== ref.path)
    return undefined;
  return entry.tag.digest;
}

function safeParse(reference: string): ImageReference | undefined {
  try {
    return parseImageReference(reference);
  } catch {
    return undefined;
  }
}

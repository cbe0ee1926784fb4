import { LOCK_VERSION, type LockedImage, type ParityLock } from '../../../shared/lock-schema';
import type { ResolvedImage } from '../images/resolve-images';

/**
 * The lock after a pull: every image as resolved, the compose model's hash, and whatever other sections
 * the previous lock held (other commands own them). Services no longer in parity.yml drop out.
 */
export function buildLock(
  previous: ParityLock | undefined,
  images: readonly ResolvedImage[],
  composeHash: string,
): ParityLock {
  const locked: Record<string, LockedImage> = {};
  for (const image of images) {
    Object.defineProperty(locked, image.service, {
      value: lockedImage(image),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { ...previous, version: LOCK_VERSION, compose: { hash: composeHash }, images: locked };
}

function lockedImage(image: ResolvedImage): LockedImage {
  return {
    reference: image.ref.original,
    digest: image.digest,
    mediaType: image.mediaType,
    ...(image.tag === undefined ? {} : { tag: image.tag }),
    platforms: image.platforms,
  };
}

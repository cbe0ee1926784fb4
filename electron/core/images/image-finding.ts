import type { Finding } from '../host/finding';

/** What `parity pull` reports about the contract's images (the five kinds). */
export type ImageFindingKind =
  | 'image.not-pinned'
  | 'image.pin-not-found'
  | 'image.tag-moved'
  | 'image.platform-missing'
  | 'image.digest-mismatch';

/**
 * The host doctor's finding shape with image kinds: plain data with evidence and the exact commands that
 * fix it, so the CLI, the wizard and the drift report render every finding the same way.
 */
export interface ImageFinding extends Omit<Finding, 'kind'> {
  kind: ImageFindingKind;
}

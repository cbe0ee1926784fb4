import type { ParityContract } from '../../../shared/parity-schema';
import type { Snapshot } from '../../../shared/snapshot-schema';
import type { Finding as HostFinding } from '../host/finding';

/**
 * What a tag resolved to when parity.lock was written, and what the registry says now. Only a lockfile
 * can tell that a tag moved; without one this list is empty and image.tag-moved is never reported.
 */
export interface LockedTag {
  service: string;
  /** The tag reference as written, e.g. `postgres:16-alpine`. */
  tag: string;
  /** `sha256:…` recorded in the lock. */
  locked: string;
  /** `sha256:…` the registry resolves the tag to today. */
  current: string;
}

/** Everything the drift checks read. They are pure functions of this: same input, same report. */
export interface DriftInput {
  contract: ParityContract;
  local: Snapshot;
  /** null when only the contract is checked (`parity check` without --staging). */
  staging: Snapshot | null;
  /** The host doctor's findings for this machine, passed through as host.* findings. */
  host: readonly HostFinding[];
  lockedTags?: readonly LockedTag[];
}

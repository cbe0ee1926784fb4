import { z } from 'zod';

/**
 * parity.lock: what parity.yml resolved to, written beside it by `parity pull` and committed, so every
 * machine and CI knows the exact bytes (the stack's lockfile, DESIGN.md). It lives in shared/ because the
 * app shows it too. Sections other commands add later (schema hash, seed checksum, env keys) survive a
 * rewrite by `parity pull`: the top level keeps keys this schema does not know.
 */
export const LOCK_VERSION = 1;

const digest = z
  .string()
  .regex(/^sha256:[a-f0-9]{64}$/, { error: 'expected sha256: and 64 lowercase hex digits' });

/** `linux/amd64`, `linux/arm64/v8`: normalised, so the same platform is always the same key. */
const platformKey = z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9.]+)?$/, {
  error: 'expected a platform as os/arch or os/arch/variant',
});

export const lockedImageSchema = z.strictObject({
  /** The reference exactly as parity.yml writes it; when parity.yml changes it, the entry is resolved again. */
  reference: z.string().min(1),
  /** What Parity pulls: the pin, or for an unpinned tag what it named when locked (an index digest when multi-platform). */
  digest,
  /** The manifest type behind `digest`: an OCI index or Docker manifest list, or a single-platform manifest. */
  mediaType: z.string(),
  /** The tag the reference names, and the digest it named when locked: how a moved tag is noticed. */
  tag: z.strictObject({ name: z.string().min(1), digest }).optional(),
  /** Every platform the image provides → the digest of that platform's manifest. */
  platforms: z.record(platformKey, digest),
});

export const parityLockSchema = z.looseObject({
  version: z.literal(LOCK_VERSION, { error: `expected version: ${LOCK_VERSION}` }),
  /** The hash of the resolved compose model (electron/core/compose modelHash). */
  compose: z.strictObject({ hash: digest }),
  /** Per service of parity.yml's images. */
  images: z.record(z.string(), lockedImageSchema),
});

export type LockedImage = z.output<typeof lockedImageSchema>;
export type ParityLock = z.output<typeof parityLockSchema>;

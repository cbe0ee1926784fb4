import type { ServiceEvidence } from '../../../shared/snapshot-schema';

const DIGEST = /@(sha256:[0-9a-f]{64})$/;

/** The digest a reference pins (`repo[:tag]@sha256:…`), or null for a bare tag. */
export function pinnedDigest(reference: string): string | null {
  return DIGEST.exec(reference)?.[1] ?? null;
}

/**
 * The digests the engine knows the running image by: its RepoDigests (what it was pulled as — the index
 * digest for a multi-arch pull) and the digest it was created from.
 */
export function digestsOf(image: ServiceEvidence['image']): Set<string> {
  const digests = new Set<string>();
  for (const ref of [...image.repoDigests, image.reference]) {
    const digest = pinnedDigest(ref);
    if (digest !== null) digests.add(digest);
  }
  return digests;
}

/** Two runs of the same image: a shared registry digest, or the same content-addressed image id. */
export function sameImage(a: ServiceEvidence['image'], b: ServiceEvidence['image']): boolean {
  if (a.id !== '' && a.id === b.id) return true;
  const theirs = digestsOf(b);
  return [...digestsOf(a)].some((digest) => theirs.has(digest));
}

/** A reference a person can read in one line: the repository and the digest's first 12 digits, as docker shortens ids. */
export function shortImage(image: ServiceEvidence['image']): string {
  const ref = image.repoDigests[0] ?? image.reference;
  const at = ref.lastIndexOf('@');
  if (at >= 0) return `${ref.slice(0, at)}@${shortDigest(ref.slice(at + 1))}`;
  return image.id === '' ? ref : `${ref} (image ${shortDigest(image.id)})`;
}

export function shortDigest(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1');
}

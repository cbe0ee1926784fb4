import { createHash, timingSafeEqual } from 'node:crypto';

/** OpenSSH's SHA256 fingerprint of a raw public host key blob: `SHA256:` + unpadded base64. */
export function fingerprintOf(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

/** Compares fingerprints in constant time; a malformed pin never matches. */
export function fingerprintsMatch(expected: string, actual: string): boolean {
  const a = Buffer.from(expected.trim());
  const b = Buffer.from(actual.trim());
  return /^SHA256:[A-Za-z0-9+/]{43}$/.test(expected.trim()) && a.length === b.length && timingSafeEqual(a, b);
}

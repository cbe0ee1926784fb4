import { describe, expect, it } from 'vitest';
import { fingerprintOf, fingerprintsMatch } from '../../electron/core/staging/host-key';

// Recorded from `ssh-keygen -lf` on a key generated for this fixture.
const PUBLIC_KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIFbDxhYr8juSIn/DZrq7ccZF2WNNV33sqiGdu/8O2Xvd';
const OPENSSH_FINGERPRINT = 'SHA256:0lrzN1cDjPXxcA6BFV3BavuiZSsPq35fm+j8NA1uItI';

describe('host key fingerprints', () => {
  it('computes the same SHA256 fingerprint as OpenSSH', () => {
    expect(fingerprintOf(Buffer.from(PUBLIC_KEY, 'base64'))).toBe(OPENSSH_FINGERPRINT);
  });

  it('matches only the exact pinned fingerprint', () => {
    expect(fingerprintsMatch(OPENSSH_FINGERPRINT, OPENSSH_FINGERPRINT)).toBe(true);
    expect(fingerprintsMatch(OPENSSH_FINGERPRINT, OPENSSH_FINGERPRINT.replace('0lrz', '0lrZ'))).toBe(false);
    expect(fingerprintsMatch('SHA256:short', 'SHA256:short')).toBe(false);
    expect(fingerprintsMatch('', '')).toBe(false);
  });
});

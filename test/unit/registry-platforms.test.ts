import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformManifests, platformMap, selectPlatform } from '../../electron/core/registry/index-platforms';
import { parseManifest } from '../../electron/core/registry/manifest';
import { formatPlatform, normalisePlatform, parsePlatform } from '../../electron/core/registry/platform';

/**
 * Recorded from the lab registry (Debian's docker-registry 2.8.2): `GET /v2/parity/fixture-multiarch/manifests/recorded`
 * with the OCI index pushed by test/lab/synthetic-image.ts the way `docker buildx build --push` lays one out: four
 * platforms and one attestation manifest (unknown/unknown) per image. Byte for byte as served (prettier leaves it).
 */
const RECORDED = readFileSync(new URL('../fixtures/registry/oci-index-multiarch.json', import.meta.url));
const RECORDED_DIGEST = 'sha256:77d992a7f05fca61bfc520a61608bb6f30792a6507e2abd2c79da54f0c93a1ee';

function recordedIndex(): ReturnType<typeof platformManifests> {
  const manifest = parseManifest(RECORDED, 'application/vnd.oci.image.index.v1+json', 'the recorded index');
  if (manifest.kind !== 'index') throw new Error('not an index');
  return platformManifests(manifest.manifests);
}

describe('platforms', () => {
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['linux/arm64', 'linux/arm64/v8'],
    ['linux/aarch64', 'linux/arm64/v8'],
    ['linux/arm64/8', 'linux/arm64/v8'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/armel', 'linux/arm/v6'],
    ['linux/i386', 'linux/386'],
    ['Linux/ARM64', 'linux/arm64/v8'],
  ])('%s normalises to %s', (text, normalised) => {
    const platform = parsePlatform(text);
    expect(platform && formatPlatform(platform)).toBe(normalised);
  });

  it('refuses what is not os/arch[/variant]', () => {
    expect(parsePlatform('amd64')).toBeNull();
    expect(parsePlatform('linux//v7')).toBeNull();
    expect(parsePlatform('linux/arm/v7/extra')).toBeNull();
  });
});

describe('platform selection from a recorded OCI index', () => {
  it('is the bytes the registry served', () => {
    expect(`sha256:${createHash('sha256').update(RECORDED).digest('hex')}`).toBe(RECORDED_DIGEST);
  });

  it('lists the runnable images and leaves the attestation manifests out', () => {
    const manifest = parseManifest(RECORDED, null, 'the recorded index');
    expect(manifest.kind).toBe('index');
    if (manifest.kind === 'index') expect(manifest.manifests).toHaveLength(8);
    expect(Object.keys(platformMap(recordedIndex()))).toEqual([
      'linux/amd64',
      'linux/arm64/v8',
      'linux/arm/v7',
      'linux/s390x',
    ]);
  });

  it('selects by normalised platform: arm64 with or without v8, aarch64, armhf', () => {
    const entries = recordedIndex();
    const pick = (text: string): string | undefined => {
      const wanted = parsePlatform(text);
      return wanted ? selectPlatform(entries, wanted)?.digest : undefined;
    };
    const arm64 = 'sha256:645fc0609d80326558fe008117af7548c65f7a18cd5d0f8c1df7bf4e6aedb6e1';
    expect(pick('linux/arm64')).toBe(arm64);
    expect(pick('linux/arm64/v8')).toBe(arm64);
    expect(pick('linux/aarch64')).toBe(arm64);
    expect(pick('linux/amd64')).toBe(
      'sha256:db5c474e9af765aade243dbffeb4687faac58f5155a553b481b01fa0d57afbec',
    );
    expect(pick('linux/armhf')).toBe(
      'sha256:0e4d14facd4a608189e1d1a3ea32a1c315ae1c6686daaf34bc8112e0b7512eea',
    );
    expect(pick('linux/arm/v6')).toBeUndefined();
    expect(pick('linux/ppc64le')).toBeUndefined();
    expect(pick('windows/amd64')).toBeUndefined();
  });

  it('reads a Docker manifest list whose arm64 entry names no variant', () => {
    const list = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: [
          { digest: `sha256:${'1'.repeat(64)}`, platform: { os: 'linux', architecture: 'amd64' } },
          { digest: `sha256:${'2'.repeat(64)}`, platform: { os: 'linux', architecture: 'arm64' } },
          { digest: `sha256:${'3'.repeat(64)}` },
        ],
      }),
    );
    const manifest = parseManifest(list, null, 'a list');
    if (manifest.kind !== 'index') throw new Error('not an index');
    expect(platformMap(platformManifests(manifest.manifests))).toEqual({
      'linux/amd64': `sha256:${'1'.repeat(64)}`,
      'linux/arm64/v8': `sha256:${'2'.repeat(64)}`,
    });
    expect(formatPlatform(normalisePlatform({ os: 'linux', architecture: 'aarch64' }))).toBe(
      'linux/arm64/v8',
    );
  });

  it('refuses schema 1 manifests and bodies that are not manifests, naming what it read', () => {
    expect(() =>
      parseManifest(Buffer.from('{"schemaVersion":1,"name":"x","fsLayers":[]}'), null, 'x:1'),
    ).toThrow('schema 1');
    expect(() => parseManifest(Buffer.from('<html>'), 'text/html', 'x:1')).toThrow('not JSON');
  });
});

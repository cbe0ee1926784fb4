import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParityContract } from '../../shared/parity-schema';
import { resolveImages } from '../../electron/core/images/resolve-images';
import { loadContract } from '../../electron/core/contract/load-contract';
import { buildLock } from '../../electron/core/lock/build-lock';
import { RegistryClient } from '../../electron/core/registry/registry-client';
import { loadLab } from '../lab/lab-config';
import { deleteManifest, getManifest, pushSyntheticImage, putManifest } from '../lab/synthetic-image';

const lab = loadLab();
const REGISTRY = lab.registry;
const APP_1 = lab.images.app['1.0.0'];
const APP_2 = lab.images.app['2.0.0'];
const digestOf = (pinned: string): string => pinned.slice(pinned.indexOf('@') + 1);
let base: ParityContract;

beforeAll(async () => {
  base = (await loadContract(join(lab.workspace, 'parity.yml'))).contract;
});

function contract(images: Record<string, string>, platforms: string[] = ['linux/amd64']): ParityContract {
  return { ...base, images, platforms };
}

describe('resolving the contract against the lab registry', () => {
  it("resolves the lab workspace's pins with their platform from the image config, and finds nothing", async () => {
    const resolution = await resolveImages(base, new RegistryClient());
    expect(resolution.findings).toEqual([]);
    expect(resolution.unresolved).toEqual([]);
    const app = resolution.images.find((image) => image.service === 'app');
    expect(app?.digest).toBe(digestOf(APP_1));
    expect(app?.platforms).toEqual({ 'linux/amd64': digestOf(APP_1) });
    expect(app?.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(app?.tag).toBeUndefined();
  });

  it('resolves a tag to the exact line to pin (image.not-pinned)', async () => {
    const resolution = await resolveImages(
      contract({ app: `${REGISTRY}/parity/app:2.0.0` }),
      new RegistryClient(),
    );
    const [finding] = resolution.findings;
    expect(finding?.kind).toBe('image.not-pinned');
    expect(finding?.severity).toBe('warning');
    expect(finding?.evidence['digest']).toBe(digestOf(APP_2));
    expect(finding?.remediation.summary).toContain(`\n        app: ${APP_2}`);
    expect(finding?.remediation.commands).toEqual(['npx parity pull']);
    expect(resolution.images[0]?.tag).toEqual({ name: '2.0.0', digest: digestOf(APP_2) });
  });

  it('reports a pin the registry does not hold (image.pin-not-found), with what its tag names now', async () => {
    const missing = `sha256:${randomBytes(32).toString('hex')}`;
    const resolution = await resolveImages(
      contract({
        app: `${REGISTRY}/parity/app@${missing}`,
        tagged: `${REGISTRY}/parity/app:1.0.0@${missing}`,
        nope: `${REGISTRY}/parity/no-such-repo:1`,
      }),
      new RegistryClient(),
    );
    expect(resolution.unresolved).toEqual(['app', 'nope', 'tagged']);
    expect(resolution.images).toEqual([]);
    const byService = Object.fromEntries(resolution.findings.map((f) => [f.evidence['service'], f]));
    expect(byService['app']?.kind).toBe('image.pin-not-found');
    expect(byService['app']?.severity).toBe('error');
    expect(byService['app']?.message).toContain(`does not hold the pinned digest ${missing}`);
    expect(byService['tagged']?.evidence['tagNamesNow']).toBe(digestOf(APP_1));
    expect(byService['tagged']?.remediation.summary).toContain(`app: ${APP_1}`.replace('app:', 'tagged:'));
    expect(byService['nope']?.message).toContain('does not hold the tag');
  });

  it('reports a tag that moved since parity.lock was written (image.tag-moved), and keeps the locked digest', async () => {
    const tag = `moving-${process.pid}-${Date.now()}`;
    const one = await getManifest(REGISTRY, 'parity/app', digestOf(APP_1));
    const two = await getManifest(REGISTRY, 'parity/app', digestOf(APP_2));
    await putManifest(REGISTRY, 'parity/app', tag, one);

    const unpinned = contract({
      app: `${REGISTRY}/parity/app:${tag}`,
      pinned: `${REGISTRY}/parity/app:${tag}@${one.digest}`,
    });
    const first = await resolveImages(unpinned, new RegistryClient());
    expect(first.findings.map((f) => f.kind)).toEqual(['image.not-pinned']);
    const lock = buildLock(undefined, first.images, `sha256:${'0'.repeat(64)}`);
    expect(lock.images['app']?.tag).toEqual({ name: tag, digest: one.digest });
    expect(lock.images['pinned']?.tag).toEqual({ name: tag, digest: one.digest });

    // Someone pushes 2.0.0 under the same tag.
    await putManifest(REGISTRY, 'parity/app', tag, two);
    const later = await resolveImages(unpinned, new RegistryClient(), { lock });
    const moved = later.findings.filter((f) => f.kind === 'image.tag-moved');
    expect(moved.map((f) => f.evidence['service']).sort()).toEqual(['app', 'pinned']);
    for (const finding of moved) {
      expect(finding.severity).toBe('warning');
      expect(finding.evidence['locked']).toBe(one.digest);
      expect(finding.evidence['current']).toBe(two.digest);
      expect(finding.remediation.commands).toEqual(['npx parity pull --update']);
    }
    // The lock wins until someone decides: the unpinned tag still resolves to what was locked.
    expect(later.images.find((i) => i.service === 'app')?.digest).toBe(one.digest);
    expect(later.images.find((i) => i.service === 'app')?.tag).toEqual({ name: tag, digest: one.digest });

    const updated = await resolveImages(unpinned, new RegistryClient(), { lock, update: true });
    expect(updated.findings.map((f) => f.kind)).toEqual(['image.not-pinned']);
    expect(updated.images.find((i) => i.service === 'app')?.digest).toBe(two.digest);
    expect(updated.images.find((i) => i.service === 'pinned')).toMatchObject({
      digest: one.digest,
      tag: { name: tag, digest: two.digest },
    });
  });

  it('lists the platforms of a multi-platform index and reports a contract platform it lacks (image.platform-missing)', async () => {
    const image = await pushSyntheticImage(REGISTRY, 'parity/resolve-test', [
      { os: 'linux', architecture: 'amd64', layerBytes: 512 },
      { os: 'linux', architecture: 'arm', variant: 'v7', layerBytes: 512 },
    ]);
    try {
      const resolution = await resolveImages(
        contract({ multi: `${image.name}@${image.digest}` }, ['linux/amd64', 'linux/arm64', 'linux/arm/v7']),
        new RegistryClient(),
      );
      expect(resolution.images[0]?.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect(resolution.images[0]?.platforms).toEqual({
        'linux/amd64': image.manifests['linux/amd64'],
        'linux/arm/v7': image.manifests['linux/arm/v7'],
      });
      expect(resolution.findings).toHaveLength(1);
      expect(resolution.findings[0]).toMatchObject({
        kind: 'image.platform-missing',
        severity: 'error',
        evidence: { platform: 'linux/arm64', provided: 'linux/amd64, linux/arm/v7' },
      });
    } finally {
      await deleteManifest(REGISTRY, 'parity/resolve-test', image.digest);
    }
  });
});

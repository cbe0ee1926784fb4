import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParityContract } from '../../shared/parity-schema';
import { loadContract } from '../../electron/core/contract/load-contract';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { ImageProgress } from '../../electron/core/images/image-progress';
import type { PullEvent } from '../../electron/core/images/pull-events';
import { pullImages } from '../../electron/core/images/pull-images';
import { resolveImages } from '../../electron/core/images/resolve-images';
import { RegistryClient } from '../../electron/core/registry/registry-client';
import { loadLab } from '../lab/lab-config';
import { deleteManifest, pushSyntheticImage, type SyntheticImage } from '../lab/synthetic-image';

const lab = loadLab();
const REPOSITORY = 'parity/pull-test';
const LAYER_BYTES = 3 * 1024 * 1024;
let engine: DockerEngine;
let base: ParityContract;
const pushed: SyntheticImage[] = [];

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  base = (await loadContract(join(lab.workspace, 'parity.yml'))).contract;
});

afterAll(async () => {
  for (const image of pushed) {
    await engine.client
      .getImage(`${image.name}@${image.digest}`)
      .remove({ force: true })
      .catch(() => undefined);
    await deleteManifest(lab.registry, REPOSITORY, image.digest);
  }
});

describe('parity pull through the lab engine', () => {
  it('pulls a multi-platform index by digest with per-layer progress, and verifies RepoDigests', async () => {
    // A fresh random layer: nothing the engine holds shares it, so the pull really downloads.
    const image = await pushSyntheticImage(lab.registry, REPOSITORY, [
      { os: 'linux', architecture: 'amd64', layerBytes: LAYER_BYTES },
      { os: 'linux', architecture: 'arm64', variant: 'v8', layerBytes: 512 },
    ]);
    pushed.push(image);
    const pinned = `${image.name}@${image.digest}`;
    await expect(engine.client.getImage(pinned).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const contract = { ...base, images: { app: pinned }, platforms: ['linux/amd64', 'linux/arm64'] };
    const registry = new RegistryClient();
    const resolution = await resolveImages(contract, registry);
    expect(resolution.findings).toEqual([]);

    const events: PullEvent[] = [];
    const outcome = await pullImages(engine, resolution.images, {
      onEvent: (event) => events.push(event),
      credentialsFor: (resolved) => registry.credentialsFor(resolved.ref),
    });

    expect(outcome.failed).toEqual([]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.pulled).toEqual([
      expect.objectContaining({ service: 'app', reference: pinned, verified: true }),
    ]);
    expect(outcome.pulled[0]?.repoDigests).toContain(pinned);
    const inspected = await engine.client.getImage(pinned).inspect();
    expect(inspected.RepoDigests).toContain(pinned);
    expect(inspected.Architecture).toBe('amd64');

    const layers = events.filter((e): e is Extract<PullEvent, { type: 'layer' }> => e.type === 'layer');
    expect(layers.every((e) => e.service === 'app')).toBe(true);
    const downloading = layers.filter((e) => e.status === 'Downloading');
    expect(downloading.length).toBeGreaterThan(0);
    expect(downloading.some((e) => (e.total ?? 0) > LAYER_BYTES)).toBe(true);
    expect(layers.some((e) => e.status === 'Pull complete')).toBe(true);
    expect(events[0]).toEqual({ type: 'image-start', service: 'app', reference: pinned });
    expect(events.at(-1)).toMatchObject({ type: 'image-done', service: 'app', verified: true });

    // The bar the terminal shows, folded from the same events: all bytes of the one layer, done.
    const progress = new ImageProgress();
    for (const event of layers) progress.apply(event);
    const summary = progress.summary();
    expect(summary).toMatchObject({ layers: 1, layersDone: 1 });
    expect(summary.bytes?.current).toBe(summary.bytes?.total);
    expect(summary.bytes?.total ?? 0).toBeGreaterThan(LAYER_BYTES);
  });

  it("does not pull an image without the engine's platform, and says so (image.platform-missing)", async () => {
    const image = await pushSyntheticImage(
      lab.registry,
      REPOSITORY,
      [{ os: 'linux', architecture: 'arm64', variant: 'v8', layerBytes: 512 }],
      { index: true },
    );
    pushed.push(image);
    const contract = {
      ...base,
      images: { armonly: `${image.name}@${image.digest}` },
      platforms: ['linux/arm64'],
    };
    const registry = new RegistryClient();
    const resolution = await resolveImages(contract, registry);
    expect(resolution.findings).toEqual([]);
    const events: PullEvent[] = [];
    const outcome = await pullImages(engine, resolution.images, {
      onEvent: (event) => events.push(event),
      credentialsFor: () => Promise.resolve(undefined),
    });
    expect(outcome.pulled).toEqual([]);
    expect(outcome.skipped).toEqual(['armonly']);
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        kind: 'image.platform-missing',
        evidence: expect.objectContaining({
          platform: `linux/${engine.info.arch}`,
          provided: 'linux/arm64/v8',
        }) as unknown,
      }),
    ]);
    expect(events).toEqual([expect.objectContaining({ type: 'image-skipped', service: 'armonly' })]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { waitForHealthy } from '../../electron/core/engine/health-wait';
import { pullByDigest, type LayerProgress } from '../../electron/core/engine/image-pull';
import { loadLab } from '../lab/lab-config';
import { deleteManifest, pushSyntheticImage } from '../lab/synthetic-image';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
const appImage = lab.images.app['1.0.0'];
const SECOND_NS = 1_000_000_000;
let engine: DockerEngine;
const created: string[] = [];

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, appImage);
});

afterAll(async () => {
  for (const id of created) await engine.client.getContainer(id).remove({ force: true });
});

describe('the lab engine through dockerode', () => {
  it('pulls an image by digest from the lab registry, with layer progress, and proves the digest', async () => {
    // A freshly pushed image with a random layer: nothing on the engine shares it, so the pull really moves
    // bytes, and no other test's containers depend on it.
    const image = await pushSyntheticImage(lab.registry, 'parity/health-test', [
      { os: 'linux', architecture: 'amd64', layerBytes: 1024 * 1024 },
    ]);
    const reference = `${image.name}@${image.digest}`;
    try {
      const progress: LayerProgress[] = [];
      const pulled = await pullByDigest(engine, reference, (p) => progress.push(p));
      expect(pulled.repoDigests).toContain(reference);
      expect(progress.some((p) => p.status === 'Pull complete')).toBe(true);
      expect(progress.some((p) => p.status === 'Downloading' && (p.total ?? 0) > 0)).toBe(true);
    } finally {
      await engine.client
        .getImage(reference)
        .remove({ force: true })
        .catch(() => undefined);
      await deleteManifest(lab.registry, 'parity/health-test', image.digest);
    }
  });

  it('starts it with a healthcheck and sees it turn healthy through the event stream', async () => {
    const container = await engine.client.createContainer({
      Image: appImage,
      name: `parity-it-health-${process.pid}`,
      Labels: { 'dev.parity.test': 'engine-health' },
      Healthcheck: {
        Test: ['CMD', 'busybox', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/health'],
        // The Engine API takes durations in nanoseconds.
        Interval: SECOND_NS / 2,
        Timeout: 2 * SECOND_NS,
        Retries: 3,
        StartPeriod: 0,
      },
    });
    created.push(container.id);
    const before = await container.inspect();
    expect(before.State.Running).toBe(false);

    await container.start();
    const outcome = await waitForHealthy(engine, container.id, { timeoutMs: 30_000 });

    expect(outcome.status).toBe('healthy');
    const after = await container.inspect();
    expect(after.State.Health?.Status).toBe('healthy');
    expect(after.State.Health?.Log.at(-1)?.ExitCode).toBe(0);
  });

  it('reports a container that dies instead of waiting for health', async () => {
    const container = await engine.client.createContainer({
      Image: appImage,
      name: `parity-it-dies-${process.pid}`,
      Entrypoint: ['busybox', 'sh', '-c', 'exit 7'],
      Cmd: [],
      Healthcheck: { Test: ['CMD', 'busybox', 'true'], Interval: SECOND_NS, Retries: 1 },
    });
    created.push(container.id);
    await container.start();
    await expect(waitForHealthy(engine, container.id, { timeoutMs: 30_000 })).rejects.toThrow(
      /exited with code 7/,
    );
  });
});

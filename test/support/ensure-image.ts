import type { DockerEngine } from '../../electron/core/engine/docker-engine';
import { pullByDigest } from '../../electron/core/engine/image-pull';

/**
 * Makes a lab image available on an engine before a test creates containers from it: test files run in any
 * order, and one of them removes the app image on purpose to prove a real pull.
 */
export async function ensureImage(engine: DockerEngine, reference: string): Promise<void> {
  const present = await engine.client
    .getImage(reference)
    .inspect()
    .then(() => true)
    .catch(() => false);
  if (!present) await pullByDigest(engine, reference);
}

import type { DockerEngine } from '../engine/docker-engine';
import { waitForHealthy } from '../engine/health-wait';
import { ParityError } from '../parity-error';

export interface RestartOutcome {
  container: string;
  /** Milliseconds until healthy, or null when the container has no healthcheck to wait for. */
  healthyAfterMs: number | null;
}

const HEALTHY_TIMEOUT_MS = 60_000;

/**
 * The `restart` action: `docker restart <container>` through the Engine API, then — when the container
 * has a healthcheck — wait for it to say healthy, so the re-check sees the result and not a container
 * still starting. Only ever used on the local engine.
 */
export async function restartContainer(engine: DockerEngine, container: string): Promise<RestartOutcome> {
  const handle = engine.client.getContainer(container);
  try {
    await handle.restart();
  } catch (error) {
    throw new ParityError(
      'engine-error',
      `Restarting ${container} failed: ${(error as Error).message}`,
      `Try it by hand: docker restart ${container}`,
      { cause: error },
    );
  }
  const inspect = await handle.inspect();
  if (inspect.State.Health === undefined) return { container, healthyAfterMs: null };
  const { elapsedMs } = await waitForHealthy(engine, inspect.Id, { timeoutMs: HEALTHY_TIMEOUT_MS });
  return { container, healthyAfterMs: elapsedMs };
}

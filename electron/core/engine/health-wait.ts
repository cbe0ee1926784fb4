import type { Readable } from 'node:stream';
import { ParityError } from '../parity-error';
import type { DockerEngine } from './docker-engine';
import { readJsonLines } from './json-lines';

export interface HealthOutcome {
  status: 'healthy';
  /** Milliseconds from the call until the engine announced the container healthy. */
  elapsedMs: number;
}

interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/**
 * Waits for a container to turn healthy by listening to the engine's event stream (health_status and die),
 * never by sleeping or polling. The subscription is opened before the state is read, so an event that
 * lands between the two is not lost.
 */
export async function waitForHealthy(
  engine: DockerEngine,
  containerId: string,
  options: { timeoutMs: number },
): Promise<HealthOutcome> {
  const started = Date.now();
  const events = (await engine.client.getEvents({
    filters: { type: ['container'], container: [containerId] },
  })) as Readable;
  try {
    return await new Promise<HealthOutcome>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new ParityError(
              'engine-error',
              `Container ${containerId.slice(0, 12)} did not turn healthy within ${options.timeoutMs / 1000}s.`,
            ),
          ),
        options.timeoutMs,
      );
      const settle = (action: () => void): void => {
        clearTimeout(timer);
        action();
      };
      readJsonLines(events, (value) => {
        const event = value as EngineEvent;
        if (event.Actor?.ID !== containerId) return;
        if (event.Action === 'health_status: healthy') {
          settle(() => resolve({ status: 'healthy', elapsedMs: Date.now() - started }));
        } else if (event.Action === 'die') {
          const code = event.Actor.Attributes?.['exitCode'] ?? '?';
          settle(() =>
            reject(
              new ParityError(
                'engine-error',
                `Container ${containerId.slice(0, 12)} exited with code ${code}.`,
              ),
            ),
          );
        }
      });
      events.on('error', (error: Error) => settle(() => reject(error)));
      engine.client
        .getContainer(containerId)
        .inspect()
        .then((state) => {
          if (state.State.Health?.Status === 'healthy') {
            settle(() => resolve({ status: 'healthy', elapsedMs: Date.now() - started }));
          } else if (!state.State.Running && state.State.Status === 'exited') {
            settle(() =>
              reject(
                new ParityError(
                  'engine-error',
                  `Container ${containerId.slice(0, 12)} exited with code ${state.State.ExitCode}.`,
                ),
              ),
            );
          }
        })
        .catch((error: unknown) => settle(() => reject(error)));
    });
  } finally {
    events.destroy();
  }
}

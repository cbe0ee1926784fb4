import type { Readable } from 'node:stream';
import type { DockerEngine } from '../../electron/core/engine/docker-engine';
import { readJsonLines } from '../../electron/core/engine/json-lines';

export interface EngineEventMessage {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
}

/**
 * Resolves with the first engine event that `matches`, from the engine's live event stream: the moment a
 * fault test strikes ("the seed's exec started", "the restore's helper was created"), observed on the engine
 * itself rather than guessed with a sleep. Subscribe before starting the command.
 */
export async function nextEngineEvent(
  engine: DockerEngine,
  filters: Record<string, string[]>,
  matches: (event: EngineEventMessage) => boolean,
  timeoutMs: number,
): Promise<{ event: Promise<EngineEventMessage>; cancel: () => void }> {
  const stream = (await engine.client.getEvents({ filters })) as Readable;
  let cancel = (): void => {};
  const event = new Promise<EngineEventMessage>((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no matching engine event within ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
    const finish = (error: Error | null, found?: EngineEventMessage): void => {
      clearTimeout(timer);
      stream.destroy();
      if (found) resolve(found);
      else reject(error ?? new Error('the engine event stream ended'));
    };
    cancel = () => finish(new Error('cancelled'));
    readJsonLines(stream, (value) => {
      const message = value as EngineEventMessage;
      if (matches(message)) finish(null, message);
    });
    stream.on('error', (error) => finish(error));
    stream.on('end', () => finish(new Error('the engine event stream ended')));
  });
  event.catch(() => undefined);
  return { event, cancel };
}

import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import type { ContainerSummary } from '../../../shared/contract';
import { ParityError } from '../parity-error';
import type { StreamOutput } from '../streams/stream-hub';
import type { DockerEngine } from './docker-engine';

/** Every container on the engine with its state and health, as the dashboard and terminal list them. */
export async function listContainers(engine: DockerEngine): Promise<ContainerSummary[]> {
  const containers = await engine.client.listContainers({ all: true });
  return containers
    .map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      image: c.Image,
      state: c.State,
      health: healthOf(c.Status),
      project: c.Labels['com.docker.compose.project'] ?? null,
      service: c.Labels['com.docker.compose.service'] ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The list endpoint carries health only inside its Status text, e.g. "Up 3 minutes (healthy)". */
function healthOf(status: string): string | null {
  const match = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!match?.[1]) return null;
  return match[1] === 'health: starting' ? 'starting' : match[1];
}

/**
 * Follows a container's logs into a stream session until the container stops or the page cancels.
 * Without a TTY the engine multiplexes stdout and stderr in frames; dockerode's demuxer splits them.
 */
export async function followLogs(
  engine: DockerEngine,
  container: string,
  tail: number,
  output: StreamOutput,
): Promise<void> {
  const handle = engine.client.getContainer(container);
  const info = await handle.inspect().catch((error: unknown) => {
    throw new ParityError('engine-error', `There is no container "${container}" on this engine.`, undefined, {
      cause: error,
    });
  });
  const raw = (await handle.logs({ follow: true, stdout: true, stderr: true, tail })) as unknown as Readable;
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => output.write(chunk));
  if (info.Config.Tty) raw.pipe(sink);
  else engine.client.modem.demuxStream(raw, sink, sink);
  await new Promise<void>((resolve, reject) => {
    const stop = (): void => {
      raw.destroy();
      resolve();
    };
    if (output.signal.aborted) stop();
    output.signal.addEventListener('abort', stop, { once: true });
    raw.once('end', resolve);
    raw.once('close', resolve);
    raw.once('error', (error) => (output.signal.aborted ? resolve() : reject(error)));
  });
}

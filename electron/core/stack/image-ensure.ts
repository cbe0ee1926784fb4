import type { Readable } from 'node:stream';
import type { DockerEngine } from '../engine/docker-engine';
import type { LayerProgress } from '../engine/image-pull';
import { readJsonLines } from '../engine/json-lines';
import { ParityError } from '../parity-error';
import { statusCodeOf } from './project-resources';

interface PullMessage {
  id?: string;
  status?: string;
  error?: string;
  progressDetail?: { current?: number; total?: number };
}

/** Byte counters tick many times a second per layer; a status change always goes through. */
const PROGRESS_EVERY_MS = 250;

/**
 * Makes `reference` present on the engine, pulling it (by whatever reference the file names) only when
 * it is missing. A reference pinned by digest is proven afterwards: the engine must hold exactly that
 * digest. Returns whether a pull happened. Aborting closes the pull stream.
 */
export async function ensureImage(
  engine: DockerEngine,
  reference: string,
  options: { signal: AbortSignal; onProgress: (progress: LayerProgress) => void },
): Promise<boolean> {
  if (await isPresent(engine, reference)) return false;
  const stream = (await engine.client.pull(reference)) as Readable;
  const stop = (): void => {
    stream.destroy();
  };
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    await drain(stream, reference, throttled(options.onProgress));
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(reference)?.[1];
  if (digest !== undefined) {
    const image = await engine.client.getImage(reference).inspect();
    if (!(image.RepoDigests ?? []).some((entry) => entry.endsWith(`@${digest}`))) {
      throw new ParityError(
        'engine-error',
        `The engine pulled ${reference} but reports digests ${(image.RepoDigests ?? []).join(', ') || '(none)'}.`,
        'The registry may have served a different manifest; check the pin.',
      );
    }
  }
  return true;
}

async function isPresent(engine: DockerEngine, reference: string): Promise<boolean> {
  return engine.client
    .getImage(reference)
    .inspect()
    .then(
      () => true,
      (error: unknown) => {
        if (statusCodeOf(error) === 404) return false;
        throw error;
      },
    );
}

function drain(
  stream: Readable,
  reference: string,
  onProgress: (progress: LayerProgress) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    readJsonLines(stream, (value) => {
      const message = value as PullMessage;
      if (message.error) failure = message.error;
      else if (message.id && message.status) {
        const { current, total } = message.progressDetail ?? {};
        onProgress({
          layer: message.id,
          status: message.status,
          ...(current === undefined ? {} : { current }),
          ...(total === undefined ? {} : { total }),
        });
      }
    });
    stream.on('end', () =>
      failure === undefined
        ? resolve()
        : reject(new ParityError('engine-error', `Pulling ${reference} failed: ${failure}`)),
    );
    stream.on('close', () =>
      reject(new ParityError('engine-error', `Pulling ${reference} was interrupted.`)),
    );
    stream.on('error', reject);
  });
}

function throttled(onProgress: (progress: LayerProgress) => void): (progress: LayerProgress) => void {
  const last = new Map<string, { status: string; at: number }>();
  return (progress) => {
    const previous = last.get(progress.layer);
    const now = Date.now();
    if (previous && previous.status === progress.status && now - previous.at < PROGRESS_EVERY_MS) return;
    last.set(progress.layer, { status: progress.status, at: now });
    onProgress(progress);
  };
}

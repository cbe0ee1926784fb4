import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import { ParityError } from '../parity-error';
import type { DockerEngine } from './docker-engine';
import { EngineConnectionLost } from './engine-lost';
import { readJsonLines } from './json-lines';

export interface LayerProgress {
  layer: string;
  status: string;
  current?: number;
  total?: number;
}

/** What the engine needs to log in to the registry for this pull (sent as X-Registry-Auth, never logged). */
export type EngineRegistryAuth = Dockerode.AuthConfig;

export interface PullOptions {
  auth?: EngineRegistryAuth | undefined;
  /** Aborting closes the request, which makes the engine stop the pull. */
  signal?: AbortSignal | undefined;
}

interface PullMessage {
  id?: string;
  status?: string;
  error?: string;
  progressDetail?: { current?: number; total?: number };
}

/**
 * Pulls `repository@sha256:…` through the engine, reporting each layer's progress, then proves the
 * engine holds exactly that digest (RepoDigests), so a pull can never silently give us something else.
 */
export async function pullByDigest(
  engine: DockerEngine,
  reference: string,
  onProgress: (progress: LayerProgress) => void = () => {},
  options: PullOptions = {},
): Promise<{ imageId: string; repoDigests: string[] }> {
  const digest = digestOf(reference);
  await pullImage(engine, reference, onProgress, options);
  const image = await repoDigestsOf(engine, reference);
  if (!image.repoDigests.some((entry) => entry.endsWith(`@${digest}`))) {
    throw new ParityError(
      'engine-error',
      `The engine pulled ${reference} but reports digests ${image.repoDigests.join(', ') || '(none)'}.`,
      'The registry may have served a different manifest; check the pin in parity.yml.',
    );
  }
  return image;
}

/**
 * The pull alone, with layer progress: for callers that judge RepoDigests themselves (`parity pull`
 * reports a mismatch as a finding instead of failing). Rejects with the engine's own words when it
 * reports an error mid-stream (the HTTP status is 200 even then), and with the signal's reason on abort.
 */
export async function pullImage(
  engine: DockerEngine,
  reference: string,
  onProgress: (progress: LayerProgress) => void,
  options: PullOptions = {},
): Promise<void> {
  const stream = (await engine.client.pull(reference, {
    ...(options.auth === undefined ? {} : { authconfig: options.auth }),
    ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
  })) as Readable;
  await new Promise<void>((resolve, reject) => {
    let failure: string | undefined;
    let ended = false;
    readJsonLines(stream, (value) => {
      const message = value as PullMessage;
      if (message.error) failure = message.error;
      else if (message.id && message.status) {
        onProgress({
          layer: message.id,
          status: message.status,
          ...(message.progressDetail?.current === undefined
            ? {}
            : { current: message.progressDetail.current }),
          ...(message.progressDetail?.total === undefined ? {} : { total: message.progressDetail.total }),
        });
      }
    });
    stream.on('end', () => {
      ended = true;
      if (failure === undefined) resolve();
      else reject(new ParityError('engine-error', `Pulling ${reference} failed: ${failure}`));
    });
    stream.on('error', (error) => reject(options.signal?.aborted ? options.signal.reason : error));
    // An aborted request closes without 'end' (and sometimes without 'error'): never hang on it.
    stream.on('close', () => {
      if (!ended)
        reject(
          options.signal?.aborted
            ? options.signal.reason
            : new EngineConnectionLost(`it closed the pull of ${reference} before the end`),
        );
    });
  });
}

/** The engine's image for a reference: its ID and the registry digests it knows it by. */
export async function repoDigestsOf(
  engine: DockerEngine,
  reference: string,
): Promise<{ imageId: string; repoDigests: string[] }> {
  const image = await engine.client.getImage(reference).inspect();
  return { imageId: image.Id, repoDigests: image.RepoDigests ?? [] };
}

export function digestOf(reference: string): string {
  const at = reference.lastIndexOf('@');
  const digest = at < 0 ? '' : reference.slice(at + 1);
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new ParityError('invalid-request', `"${reference}" is not pinned by a sha256 digest.`);
  }
  return digest;
}

import type { Readable } from 'node:stream';
import { ParityError } from '../parity-error';
import type { DockerEngine } from './docker-engine';
import { readJsonLines } from './json-lines';

export interface LayerProgress {
  layer: string;
  status: string;
  current?: number;
  total?: number;
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
): Promise<{ imageId: string; repoDigests: string[] }> {
  const digest = digestOf(reference);
  const stream = (await engine.client.pull(reference)) as Readable;
  await new Promise<void>((resolve, reject) => {
    let failure: string | undefined;
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
    stream.on('end', () =>
      failure === undefined
        ? resolve()
        : reject(new ParityError('engine-error', `Pulling ${reference} failed: ${failure}`)),
    );
    stream.on('error', reject);
  });
  const image = await engine.client.getImage(reference).inspect();
  const repoDigests = image.RepoDigests ?? [];
  if (!repoDigests.some((entry) => entry.endsWith(`@${digest}`))) {
    throw new ParityError(
      'engine-error',
      `The engine pulled ${reference} but reports digests ${repoDigests.join(', ') || '(none)'}.`,
      'The registry may have served a different manifest; check the pin in parity.yml.',
    );
  }
  return { imageId: image.Id, repoDigests };
}

export function digestOf(reference: string): string {
  const at = reference.lastIndexOf('@');
  const digest = at < 0 ? '' : reference.slice(at + 1);
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new ParityError('invalid-request', `"${reference}" is not pinned by a sha256 digest.`);
  }
  return digest;
}

import type { DockerEngine } from '../engine/docker-engine';
import { isEngineConnectionLoss } from '../engine/engine-lost';
import { pullImage, repoDigestsOf, type EngineRegistryAuth } from '../engine/image-pull';
import { ParityError } from '../parity-error';
import type { RegistryCredentials } from '../registry/credentials';
import { pinnedForm } from '../registry/image-reference';
import { formatPlatform, normalisePlatform } from '../registry/platform';
import { credentialServer } from '../registry/registry-endpoint';
import type { ImageFinding } from './image-finding';
import { digestMismatch, platformMissing } from './image-findings';
import type { PullEvent } from './pull-events';
import { DEFAULT_PULL_RETRY, withPullRetry, type PullRetryPolicy } from './pull-retry';
import type { ResolvedImage } from './resolve-images';

export interface PulledImage {
  service: string;
  reference: string;
  imageId: string;
  repoDigests: string[];
  /** RepoDigests hold the pinned digest. */
  verified: boolean;
}

export interface PullOutcome {
  pulled: PulledImage[];
  /** Pulls the engine refused or failed (a registry it cannot reach, a login it refused). */
  failed: Array<{ service: string; reference: string; message: string }>;
  /** Not pulled because the image has nothing for this engine's platform (a finding says so). */
  skipped: string[];
  findings: ImageFinding[];
}

export interface PullImagesOptions {
  onEvent: (event: PullEvent) => void;
  /** Credentials for an image's registry, passed to the engine, which does its own token dance with them. */
  credentialsFor: (image: ResolvedImage) => Promise<RegistryCredentials | undefined>;
  signal?: AbortSignal;
  /** Attempts and backoff when the registry fails mid-pull; DEFAULT_PULL_RETRY unless given. */
  retry?: PullRetryPolicy;
}

/**
 * Pulls each resolved image by digest through the engine, all at once (the engine downloads layers in
 * parallel anyway), and proves afterwards that the engine's RepoDigests hold the pin. An image without
 * the engine's platform is not pulled: the engine would fail, or quietly fetch another CPU's image.
 */
export async function pullImages(
  engine: DockerEngine,
  images: readonly ResolvedImage[],
  options: PullImagesOptions,
): Promise<PullOutcome> {
  const outcome: PullOutcome = { pulled: [], failed: [], skipped: [], findings: [] };
  const enginePlatform = formatPlatform(
    normalisePlatform({ os: engine.info.os, architecture: engine.info.arch }),
  );

  await Promise.all(
    images.map(async (image) => {
      const reference = pinnedForm(image.ref, image.digest);
      if (!Object.hasOwn(image.platforms, enginePlatform)) {
        const provided = Object.keys(image.platforms).sort();
        outcome.findings.push(
          platformMissing(image.service, image.ref, image.digest, enginePlatform, provided, 'engine'),
        );
        outcome.skipped.push(image.service);
        options.onEvent({
          type: 'image-skipped',
          service: image.service,
          reference,
          reason: `no ${enginePlatform} image`,
        });
        return;
      }
      options.onEvent({ type: 'image-start', service: image.service, reference });
      try {
        const credentials = await options.credentialsFor(image);
        await withPullRetry(
          () =>
            pullImage(
              engine,
              reference,
              (progress) => options.onEvent({ type: 'layer', service: image.service, ...progress }),
              { auth: engineAuth(image, credentials), signal: options.signal },
            ),
          options.retry ?? DEFAULT_PULL_RETRY,
          ({ error, ...retry }) =>
            options.onEvent({
              type: 'image-retry',
              service: image.service,
              reference,
              ...retry,
              message: describePullError(error),
            }),
          options.signal,
        );
        const { imageId, repoDigests } = await repoDigestsOf(engine, reference);
        const mismatch = verifyRepoDigests(image, repoDigests);
        const verified = mismatch === undefined;
        if (mismatch !== undefined) outcome.findings.push(mismatch);
        outcome.pulled.push({ service: image.service, reference, imageId, repoDigests, verified });
        options.onEvent({ type: 'image-done', service: image.service, reference, imageId, verified });
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        // No engine, no pull of any image: the whole command stops and says so (the CLI names the rerun).
        if (isEngineConnectionLoss(error)) throw error;
        const message = describePullError(error);
        outcome.failed.push({ service: image.service, reference, message });
        options.onEvent({ type: 'image-failed', service: image.service, reference, message });
      }
    }),
  );
  const byService = (a: { service: string }, b: { service: string }): number =>
    a.service.localeCompare(b.service);
  outcome.pulled.sort(byService);
  outcome.failed.sort(byService);
  outcome.skipped.sort();
  return outcome;
}

/**
 * The engine's proof: its RepoDigests (`name@sha256:…`, the name as the engine spells it) must hold the
 * digest that was pulled. Undefined when they do; image.digest-mismatch when they do not.
 */
export function verifyRepoDigests(
  image: ResolvedImage,
  repoDigests: readonly string[],
): ImageFinding | undefined {
  if (repoDigests.some((entry) => entry.endsWith(`@${image.digest}`))) return undefined;
  return digestMismatch(image.service, image.ref, image.digest, repoDigests);
}

/** The X-Registry-Auth the engine wants: user and password, or the identity token. */
function engineAuth(
  image: ResolvedImage,
  credentials: RegistryCredentials | undefined,
): EngineRegistryAuth | undefined {
  if (credentials === undefined) return undefined;
  const serveraddress = credentialServer(image.ref.domain);
  if (credentials.identityToken !== undefined)
    return { identitytoken: credentials.identityToken, serveraddress };
  return { username: credentials.username ?? '', password: credentials.password ?? '', serveraddress };
}

/** The engine's words when it gave some (dockerode puts the JSON answer in the message). */
function describePullError(error: unknown): string {
  if (error instanceof ParityError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  const json = /\{"message":"(.*)"\}/.exec(text);
  return json?.[1] ?? text.replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim();
}

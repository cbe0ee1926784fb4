import { z } from 'zod';
import { ParityError } from '../parity-error';
import { platformManifests, platformMap } from '../registry/index-platforms';
import type { ImageReference } from '../registry/image-reference';
import { formatPlatform, normalisePlatform } from '../registry/platform';
import type { FetchedManifest, RegistryClient } from '../registry/registry-client';

/** What resolving needs of a registry: the real RegistryClient, or a stand-in with the same methods. */
export type ManifestSource = Pick<RegistryClient, 'manifest' | 'manifestDigest' | 'blob'>;

/** Image configs are a few KiB; long histories reach a few hundred. */
const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

const imageConfig = z.looseObject({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

/**
 * platform → manifest digest for what a digest names. An index lists its platforms; a single-platform
 * manifest does not say its platform at all, so its config blob is read for os/architecture/variant.
 */
export async function manifestPlatforms(
  registry: ManifestSource,
  ref: ImageReference,
  fetched: FetchedManifest,
): Promise<Record<string, string>> {
  if (fetched.manifest.kind === 'index') return platformMap(platformManifests(fetched.manifest.manifests));
  const configDigest = fetched.manifest.config.digest;
  const blob = await registry.blob(ref, configDigest, MAX_CONFIG_BYTES);
  if (blob === null) {
    throw new ParityError(
      'engine-error',
      `${ref.domain}/${ref.path}@${fetched.digest} names a config blob ${configDigest} the registry does not hold: the image was pushed incompletely.`,
      'Push the image again.',
    );
  }
  let parsed: z.output<typeof imageConfig>;
  try {
    parsed = imageConfig.parse(JSON.parse(blob.toString('utf8')));
  } catch {
    throw new ParityError(
      'engine-error',
      `The config of ${ref.domain}/${ref.path}@${fetched.digest} does not say its os and architecture.`,
      'Push the image again with a current docker or buildx.',
    );
  }
  return { [formatPlatform(normalisePlatform(parsed))]: fetched.digest };
}

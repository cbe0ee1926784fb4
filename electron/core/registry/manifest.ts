import { z } from 'zod';
import { ParityError } from '../parity-error';
import { isIndexMediaType } from './media-types';

const descriptor = z.object({
  mediaType: z.string().optional(),
  digest: z.string().regex(/^sha256:[a-f0-9]{64}$/),
  size: z.number().int().nonnegative().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const platform = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptor.extend({ platform: platform.optional() })),
});

const imageSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptor,
  layers: z.array(descriptor),
});

export type IndexEntry = z.output<typeof indexSchema>['manifests'][number];

/** What a manifest says, in the two shapes Parity cares about. */
export type Manifest =
  | { kind: 'index'; mediaType: string; manifests: IndexEntry[] }
  | {
      kind: 'image';
      mediaType: string;
      config: z.output<typeof descriptor>;
      layers: z.output<typeof descriptor>[];
    };

/**
 * Reads a manifest body. The media type comes from the body when it names one (OCI makes it optional, and
 * some registries answer with a generic Content-Type), else from the header. Schema 1 manifests (Docker
 * before 2016) are refused with a way out: no current registry serves them to a client that asks for v2.
 */
export function parseManifest(bytes: Buffer, contentType: string | null, where: string): Manifest {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw malformed(where, 'it is not JSON');
  }
  const declared =
    typeof body === 'object' && body !== null && 'mediaType' in body && typeof body.mediaType === 'string'
      ? body.mediaType
      : (contentType?.split(';')[0]?.trim() ?? '');
  const looksLikeIndex =
    isIndexMediaType(declared) || (typeof body === 'object' && body !== null && 'manifests' in body);
  if (looksLikeIndex) {
    const parsed = indexSchema.safeParse(body);
    if (!parsed.success)
      throw malformed(where, `an index with ${parsed.error.issues[0]?.message ?? 'bad fields'}`);
    return { kind: 'index', mediaType: declared, manifests: parsed.data.manifests };
  }
  const parsed = imageSchema.safeParse(body);
  if (!parsed.success) {
    const schemaVersion =
      typeof body === 'object' && body !== null && 'schemaVersion' in body ? body.schemaVersion : undefined;
    if (schemaVersion === 1) {
      throw new ParityError(
        'engine-error',
        `${where} is a Docker schema 1 manifest, a format registries stopped serving in 2016 and Parity does not read.`,
        'Push the image again with a current docker (or skopeo copy) so the registry holds a v2 or OCI manifest.',
      );
    }
    throw malformed(where, `a manifest with ${parsed.error.issues[0]?.message ?? 'bad fields'}`);
  }
  return { kind: 'image', mediaType: declared, config: parsed.data.config, layers: parsed.data.layers };
}

function malformed(where: string, why: string): ParityError {
  return new ParityError(
    'engine-error',
    `The registry answered ${where} with something that is not a manifest Parity can read: ${why}.`,
    'Check that the registry is an OCI distribution registry and that the image was pushed completely.',
  );
}

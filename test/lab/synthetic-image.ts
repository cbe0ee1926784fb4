import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * Throwaway images pushed straight to a lab registry over the distribution API: a fresh random layer per
 * call, so an engine pull of one really downloads (no layer is shared with anything the engine holds), and
 * any platform mix, including a multi-platform OCI index with BuildKit-style attestation manifests,
 * which no engine on this machine could build.
 */
export interface SyntheticPlatform {
  os: string;
  architecture: string;
  variant?: string;
  /** Random, incompressible bytes in the one layer: enough for the engine to report download progress. */
  layerBytes: number;
}

export interface PushedManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

export interface SyntheticImage {
  /** host:port/repository */
  name: string;
  /** The digest to pin: the index's when there is one, else the single manifest's. */
  digest: string;
  /** `os/arch[/variant]` as pushed → manifest digest. */
  manifests: Record<string, string>;
  index: PushedManifest | undefined;
}

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A tar archive of one regular file: the ustar header written out by hand, no tar program needed. */
export function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string): void => {
    header.write(value, offset, length, 'latin1');
  };
  const octal = (value: number, length: number): string => `${value.toString(8).padStart(length - 1, '0')}\0`;
  field(0, 100, name);
  field(100, 8, octal(0o644, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(content.length, 12));
  field(136, 12, octal(0, 12));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let checksum = 0;
  for (const byte of header) checksum += byte;
  field(148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

async function expect(res: Response, ok: number[], what: string): Promise<Response> {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

export async function pushBlob(registry: string, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const base = `http://${registry}/v2/${repository}`;
  const upload = await expect(
    await fetch(`${base}/blobs/uploads/`, { method: 'POST', signal: AbortSignal.timeout(10_000) }),
    [202],
    `start upload to ${registry}/${repository}`,
  );
  const location = new URL(upload.headers.get('location') ?? '', `http://${registry}`);
  location.searchParams.set('digest', digest);
  await expect(
    await fetch(location, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(30_000),
    }),
    [201],
    `upload ${digest}`,
  );
  return digest;
}

export async function putManifest(
  registry: string,
  repository: string,
  reference: string,
  manifest: { bytes: Buffer; mediaType: string },
): Promise<string> {
  await expect(
    await fetch(`http://${registry}/v2/${repository}/manifests/${reference}`, {
      method: 'PUT',
      headers: { 'content-type': manifest.mediaType },
      body: new Uint8Array(manifest.bytes),
      signal: AbortSignal.timeout(10_000),
    }),
    [201],
    `PUT ${registry}/${repository}:${reference}`,
  );
  return sha256(manifest.bytes);
}

/** The manifest bytes exactly as the registry serves them, with their media type. */
export async function getManifest(
  registry: string,
  repository: string,
  reference: string,
): Promise<PushedManifest> {
  const res = await expect(
    await fetch(`http://${registry}/v2/${repository}/manifests/${reference}`, {
      headers: { accept: [OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST].join(', ') },
      signal: AbortSignal.timeout(10_000),
    }),
    [200],
    `GET ${registry}/${repository}:${reference}`,
  );
  const bytes = Buffer.from(await res.arrayBuffer());
  return { bytes, mediaType: res.headers.get('content-type') ?? DOCKER_MANIFEST, digest: sha256(bytes) };
}

/** Removes a manifest (the lab registry has delete enabled); its blobs stay until a garbage collection. */
export async function deleteManifest(registry: string, repository: string, digest: string): Promise<void> {
  await expect(
    await fetch(`http://${registry}/v2/${repository}/manifests/${digest}`, {
      method: 'DELETE',
      signal: AbortSignal.timeout(10_000),
    }),
    [202, 404],
    `DELETE ${registry}/${repository}@${digest}`,
  );
}

async function pushPlatformImage(
  registry: string,
  repository: string,
  platform: SyntheticPlatform,
): Promise<PushedManifest> {
  const tar = tarOneFile(
    `parity-test/${randomBytes(8).toString('hex')}.bin`,
    randomBytes(platform.layerBytes),
  );
  const layer = gzipSync(tar, { level: 1 });
  const config = Buffer.from(
    JSON.stringify({
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant === undefined ? {} : { variant: platform.variant }),
      config: { Cmd: ['/nothing'], Labels: { 'org.parity.test': 'synthetic' } },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }),
  );
  const [configDigest, layerDigest] = await Promise.all([
    pushBlob(registry, repository, config),
    pushBlob(registry, repository, layer),
  ]);
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: config.length,
        digest: configDigest,
      },
      layers: [
        {
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          size: layer.length,
          digest: layerDigest,
        },
      ],
    }),
  );
  const digest = await putManifest(registry, repository, sha256(bytes), {
    bytes,
    mediaType: DOCKER_MANIFEST,
  });
  return { digest, mediaType: DOCKER_MANIFEST, bytes };
}

/** An in-toto attestation manifest as BuildKit attaches one (platform unknown/unknown in the index). */
async function pushAttestation(
  registry: string,
  repository: string,
  subject: string,
): Promise<PushedManifest> {
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [{ digest: { sha256: subject.slice('sha256:'.length) } }],
    }),
  );
  const config = Buffer.from('{}');
  const [configDigest, layerDigest] = await Promise.all([
    pushBlob(registry, repository, config),
    pushBlob(registry, repository, statement),
  ]);
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.in-toto+json',
          digest: layerDigest,
          size: statement.length,
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
        },
      ],
    }),
  );
  const digest = await putManifest(registry, repository, sha256(bytes), { bytes, mediaType: OCI_MANIFEST });
  return { digest, mediaType: OCI_MANIFEST, bytes };
}

/**
 * Pushes one image per platform; with more than one (or `index: true`), an OCI index over them with an
 * attestation manifest per image, as `docker buildx build --platform … --push` does. `tag` names the result.
 */
export async function pushSyntheticImage(
  registry: string,
  repository: string,
  platforms: readonly SyntheticPlatform[],
  options: { tag?: string; index?: boolean } = {},
): Promise<SyntheticImage> {
  const images = await Promise.all(
    platforms.map((platform) => pushPlatformImage(registry, repository, platform)),
  );
  const manifests: Record<string, string> = {};
  platforms.forEach((platform, i) => {
    manifests[[platform.os, platform.architecture, platform.variant].filter(Boolean).join('/')] =
      images[i]?.digest ?? '';
  });
  const name = `${registry}/${repository}`;
  if (platforms.length === 1 && !options.index) {
    const single = images[0];
    if (single === undefined) throw new Error('no platform given');
    if (options.tag !== undefined) await putManifest(registry, repository, options.tag, single);
    return { name, digest: single.digest, manifests, index: undefined };
  }
  // One after the other: they share the empty config blob, and two uploads of one blob at once can race
  // in the registry's filesystem storage.
  const attestations: PushedManifest[] = [];
  for (const image of images) attestations.push(await pushAttestation(registry, repository, image.digest));
  const entries = [
    ...images.map((image, i) => {
      const platform = platforms[i];
      return {
        mediaType: image.mediaType,
        digest: image.digest,
        size: image.bytes.length,
        platform: {
          architecture: platform?.architecture ?? '',
          os: platform?.os ?? '',
          ...(platform?.variant === undefined ? {} : { variant: platform.variant }),
        },
      };
    }),
    ...attestations.map((attestation, i) => ({
      mediaType: attestation.mediaType,
      digest: attestation.digest,
      size: attestation.bytes.length,
      annotations: {
        'vnd.docker.reference.digest': images[i]?.digest ?? '',
        'vnd.docker.reference.type': 'attestation-manifest',
      },
      platform: { architecture: 'unknown', os: 'unknown' },
    })),
  ];
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries }, null, 2),
  );
  const index = { bytes, mediaType: OCI_INDEX, digest: sha256(bytes) };
  await putManifest(registry, repository, options.tag ?? index.digest, index);
  return { name, digest: index.digest, manifests, index };
}

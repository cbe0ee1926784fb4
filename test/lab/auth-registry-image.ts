import { createHash } from 'node:crypto';
import { AUTH_REGISTRY, AUTH_SERVICE, AUTH_USER, TOKEN_REALM } from './auth-registry.js';
import { REGISTRY } from './registry-client.js';

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

interface Descriptor {
  digest: string;
}

interface ImageManifest {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
}

async function token(password: string, repository: string): Promise<string> {
  const url = new URL(TOKEN_REALM);
  url.searchParams.set('service', AUTH_SERVICE);
  url.searchParams.set('scope', `repository:${repository}:pull,push`);
  const basic = Buffer.from(`${AUTH_USER}:${password}`).toString('base64');
  const res = await fetch(url, {
    headers: { authorization: `Basic ${basic}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`token server answered ${res.status}`);
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error('token server answered without a token');
  return body.token;
}

async function fetchOk(
  url: string,
  init: RequestInit,
  what: string,
  ok: readonly number[],
): Promise<Response> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/**
 * Copies one image (its manifest, config and layers) from the open lab registry into the token registry
 * over the distribution API, so no engine has to log in and push. A warm lab finds the manifest there and
 * does nothing else.
 */
export async function copyToAuthRegistry(
  repository: string,
  tag: string,
  password: string,
): Promise<{ pinned: string; digest: string; copied: boolean }> {
  const source = `http://${REGISTRY}/v2/${repository}`;
  const target = `http://${AUTH_REGISTRY}/v2/${repository}`;
  const manifestRes = await fetchOk(
    `${source}/manifests/${tag}`,
    { headers: { accept: MANIFEST_ACCEPT } },
    `GET ${REGISTRY}/${repository}:${tag}`,
    [200],
  );
  const manifestBytes = Buffer.from(await manifestRes.arrayBuffer());
  const mediaType =
    manifestRes.headers.get('content-type') ?? 'application/vnd.docker.distribution.manifest.v2+json';
  const digest = `sha256:${createHash('sha256').update(manifestBytes).digest('hex')}`;
  const pinned = `${AUTH_REGISTRY}/${repository}@${digest}`;
  const auth = { authorization: `Bearer ${await token(password, repository)}` };

  const present = await fetch(`${target}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { ...auth, accept: MANIFEST_ACCEPT },
    signal: AbortSignal.timeout(10_000),
  });
  if (present.status === 200 && present.headers.get('docker-content-digest') === digest) {
    return { pinned, digest, copied: false };
  }

  const manifest = JSON.parse(manifestBytes.toString('utf8')) as ImageManifest;
  const blobs = [manifest.config, ...(manifest.layers ?? [])].filter((d): d is Descriptor => d !== undefined);
  for (const blob of blobs) {
    const head = await fetch(`${target}/blobs/${blob.digest}`, {
      method: 'HEAD',
      headers: auth,
      signal: AbortSignal.timeout(10_000),
    });
    if (head.status === 200) continue;
    const content = Buffer.from(
      await (
        await fetchOk(`${source}/blobs/${blob.digest}`, {}, `GET blob ${blob.digest}`, [200])
      ).arrayBuffer(),
    );
    const upload = await fetchOk(
      `${target}/blobs/uploads/`,
      { method: 'POST', headers: auth },
      `start upload to ${AUTH_REGISTRY}/${repository}`,
      [202],
    );
    const location = new URL(upload.headers.get('location') ?? '', `http://${AUTH_REGISTRY}`);
    location.searchParams.set('digest', blob.digest);
    await fetchOk(
      location.toString(),
      {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(content),
      },
      `upload ${blob.digest}`,
      [201],
    );
  }
  await fetchOk(
    `${target}/manifests/${tag}`,
    { method: 'PUT', headers: { ...auth, 'content-type': mediaType }, body: new Uint8Array(manifestBytes) },
    `PUT ${AUTH_REGISTRY}/${repository}:${tag}`,
    [201],
  );
  return { pinned, digest, copied: true };
}

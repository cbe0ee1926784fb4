import { request } from 'node:http';

export const REGISTRY_HOST = '127.0.0.1';
export const REGISTRY_PORT = 5000;
export const REGISTRY = `${REGISTRY_HOST}:${REGISTRY_PORT}`;

const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(method: 'GET' | 'HEAD', path: string, accept?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = accept ? { Accept: accept } : {};
    const req = request(
      { host: REGISTRY_HOST, port: REGISTRY_PORT, method, path, headers, timeout: 5_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export async function registryAnswers(): Promise<boolean> {
  return call('GET', '/v2/').then(
    (answer) => answer.status === 200,
    () => false,
  );
}

/** The manifest digest a tag points at, or null when the registry does not hold the tag. */
export async function tagDigest(repository: string, tag: string): Promise<string | null> {
  const answer = await call('HEAD', `/v2/${repository}/manifests/${tag}`, MANIFEST_ACCEPT);
  if (answer.status === 404) return null;
  const digest = answer.headers['docker-content-digest'];
  if (answer.status !== 200 || typeof digest !== 'string')
    throw new Error(`registry HEAD ${repository}:${tag} answered ${answer.status}`);
  return digest;
}

interface ImageConfigBlob {
  config?: { Labels?: Record<string, string> | null };
}

/** The image config's labels, to tell whether a tag was built from the current fixture. */
export async function tagLabels(repository: string, tag: string): Promise<Record<string, string>> {
  const manifest = await call('GET', `/v2/${repository}/manifests/${tag}`, MANIFEST_ACCEPT);
  if (manifest.status !== 200) return {};
  const parsed = JSON.parse(manifest.body) as { config?: { digest?: string } };
  const configDigest = parsed.config?.digest;
  if (!configDigest) return {};
  const blob = await call('GET', `/v2/${repository}/blobs/${configDigest}`);
  if (blob.status !== 200) return {};
  return (JSON.parse(blob.body) as ImageConfigBlob).config?.Labels ?? {};
}

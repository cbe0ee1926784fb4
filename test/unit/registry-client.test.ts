import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CredentialStore, RegistryCredentials } from '../../electron/core/registry/credentials';
import { parseImageReference } from '../../electron/core/registry/image-reference';
import { RegistryClient } from '../../electron/core/registry/registry-client';

const MANIFEST = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 2,
      digest: `sha256:${'c'.repeat(64)}`,
    },
    layers: [],
  }),
);
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const REF = parseImageReference('registry.acme.dev/team/app:1.0');

interface Seen {
  url: string;
  method: string;
  authorization: string | null;
}

/**
 * A registry behind a token server, answering like Docker Hub: 401 with a Bearer challenge, tokens for
 * the right Basic credentials (or anonymous tokens that grant nothing), the manifest for a valid token.
 */
function tokenRegistry(options: { anonymousGrants?: boolean } = {}): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fake = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const authorization = headers.get('authorization');
    seen.push({ url: url.toString(), method: init?.method ?? 'GET', authorization });
    if (url.host === 'auth.acme.dev') {
      if (authorization === null) {
        return Promise.resolve(
          Response.json({ token: options.anonymousGrants ? 'good' : 'anonymous', expires_in: 300 }),
        );
      }
      const ok = authorization === `Basic ${Buffer.from('dev:pw').toString('base64')}`;
      return Promise.resolve(
        ok ? Response.json({ access_token: 'good' }) : new Response('{}', { status: 401 }),
      );
    }
    if (authorization !== 'Bearer good') {
      return Promise.resolve(
        new Response('{"errors":[{"code":"UNAUTHORIZED"}]}', {
          status: 401,
          headers: {
            'www-authenticate': `Bearer realm="https://auth.acme.dev/token",service="registry.acme.dev",scope="repository:${'team/app'}:pull"`,
          },
        }),
      );
    }
    if (
      url.pathname === '/v2/team/app/manifests/1.0' ||
      url.pathname === `/v2/team/app/manifests/${DIGEST}`
    ) {
      return Promise.resolve(
        new Response(init?.method === 'HEAD' ? null : new Uint8Array(MANIFEST), {
          headers: {
            'content-type': 'application/vnd.docker.distribution.manifest.v2+json',
            'docker-content-digest': DIGEST,
          },
        }),
      );
    }
    return Promise.resolve(new Response('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', { status: 404 }));
  };
  return { fetch: fake as typeof fetch, seen };
}

/** A loopback port nothing listens on: one the kernel just handed out and took back. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function store(credentials: Partial<RegistryCredentials> | undefined): CredentialStore {
  return {
    origin: '/home/dev/.docker/config.json',
    lookup: () =>
      Promise.resolve(
        credentials === undefined
          ? undefined
          : {
              username: undefined,
              password: undefined,
              identityToken: undefined,
              source: 'test config',
              ...credentials,
            },
      ),
  };
}

describe('the registry client', () => {
  it('answers a Bearer challenge with a token got with Basic credentials, and reuses it', async () => {
    const registry = tokenRegistry();
    const client = new RegistryClient({
      credentials: store({ username: 'dev', password: 'pw' }),
      fetch: registry.fetch,
    });

    const fetched = await client.manifest(REF, '1.0');
    expect(fetched?.digest).toBe(DIGEST);
    expect(fetched?.manifest.kind).toBe('image');
    const tokenCall = registry.seen.find((s) => s.url.startsWith('https://auth.acme.dev/'));
    expect(tokenCall?.url).toContain('service=registry.acme.dev');
    expect(tokenCall?.url).toContain('scope=repository%3Ateam%2Fapp%3Apull');
    expect(tokenCall?.url).toContain('account=dev');

    const before = registry.seen.length;
    expect(await client.manifestDigest(REF, '1.0')).toBe(DIGEST);
    // Straight through with the remembered token: one request, no 401, no token call.
    expect(registry.seen.slice(before)).toEqual([
      {
        url: 'https://registry.acme.dev/v2/team/app/manifests/1.0',
        method: 'HEAD',
        authorization: 'Bearer good',
      },
    ]);
  });

  it('uses an anonymous token when there are no credentials (public images need one too)', async () => {
    const registry = tokenRegistry({ anonymousGrants: true });
    const client = new RegistryClient({ credentials: store(undefined), fetch: registry.fetch });
    expect((await client.manifest(REF, DIGEST))?.digest).toBe(DIGEST);
    expect(registry.seen.find((s) => s.url.startsWith('https://auth.'))?.authorization).toBeNull();
  });

  it('says a login is needed, and where it looked, when the anonymous token is refused', async () => {
    const client = new RegistryClient({ credentials: store(undefined), fetch: tokenRegistry().fetch });
    const failure = client.manifest(REF, '1.0');
    await expect(failure).rejects.toThrow(
      'registry.acme.dev refused to let Parity read team/app: it needs a login, and /home/dev/.docker/config.json holds none for registry.acme.dev.',
    );
    await expect(failure).rejects.toMatchObject({
      code: 'engine-error',
      hint: 'Log in, then run again: docker login registry.acme.dev',
    });
  });

  it('names the user and the source when the token server refuses the credentials, never the password', async () => {
    const client = new RegistryClient({
      credentials: store({ username: 'dev', password: 'wrong' }),
      fetch: tokenRegistry().fetch,
    });
    const error = await client.manifest(REF, '1.0').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('refused the credentials of dev from test config');
    expect(error?.message).not.toContain('wrong');
  });

  it('answers a Basic challenge with the stored user and password', async () => {
    const seen: Array<string | null> = [];
    const fake = ((_input: string | URL | Request, init?: RequestInit) => {
      const authorization = new Headers(init?.headers).get('authorization');
      seen.push(authorization);
      return Promise.resolve(
        authorization === null
          ? new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="Registry"' } })
          : new Response(null, { status: 200, headers: { 'docker-content-digest': DIGEST } }),
      );
    }) as typeof fetch;
    const client = new RegistryClient({
      credentials: store({ username: 'dev', password: 'pw' }),
      fetch: fake,
    });
    expect(await client.manifestDigest(REF, '1.0')).toBe(DIGEST);
    expect(seen).toEqual([null, `Basic ${Buffer.from('dev:pw').toString('base64')}`]);
  });

  it('is null for a manifest the registry does not hold', async () => {
    const client = new RegistryClient({
      credentials: store({ username: 'dev', password: 'pw' }),
      fetch: tokenRegistry().fetch,
    });
    expect(await client.manifest(REF, `sha256:${'0'.repeat(64)}`)).toBeNull();
    expect(await client.manifestDigest(REF, 'no-such-tag')).toBeNull();
  });

  it('does not trust a manifest whose bytes do not hash to the digest asked for', async () => {
    const other = `sha256:${'e'.repeat(64)}`;
    const fake = (() => Promise.resolve(new Response(new Uint8Array(MANIFEST)))) as typeof fetch;
    const client = new RegistryClient({ fetch: fake });
    await expect(client.manifest(REF, other)).rejects.toThrow(
      `hash to ${DIGEST}, not ${other}: Parity does not trust it`,
    );
  });

  it('stops reading a body larger than any manifest', async () => {
    const huge = new Uint8Array(5 * 1024 * 1024);
    const fake = (() => Promise.resolve(new Response(huge))) as typeof fetch;
    await expect(new RegistryClient({ fetch: fake }).manifest(REF, '1.0')).rejects.toThrow(
      'more than 4096 KiB',
    );
  });

  it('says "connection refused" for a registry that is not there, and hints at the lab for loopback', async () => {
    const port = await closedPort();
    const failure = new RegistryClient({ timeoutMs: 5_000 }).manifest(
      parseImageReference(`127.0.0.1:${port}/x/y:1`),
      '1',
    );
    await expect(failure).rejects.toThrow(`Cannot reach 127.0.0.1:${port}: connection refused`);
    await expect(failure).rejects.toMatchObject({
      hint: expect.stringContaining('npm run lab:up') as unknown,
    });
  });

  it("rejects with the signal's own reason on Ctrl-C, so the CLI can tell it from a failure", async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const hanging = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      })) as typeof fetch;
    const client = new RegistryClient({ fetch: hanging, signal: controller.signal });
    const pending = client.manifest(REF, '1.0');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

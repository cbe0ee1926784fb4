import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerConfigCredentials } from '../../electron/core/registry/docker-config';
import { parseImageReference } from '../../electron/core/registry/image-reference';
import { RegistryClient } from '../../electron/core/registry/registry-client';
import { authRegistryPaths } from '../lab/auth-registry';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
const auth = lab.authRegistry;
if (auth === undefined) throw new Error('lab.json has no authRegistry: run npm run lab:up');
const image = parseImageReference(auth.image);
const digest = image.digest ?? '';

function dockerConfig(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-docker-config-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

function clientWith(env: Record<string, string>): RegistryClient {
  return new RegistryClient({
    credentials: dockerConfigCredentials({ env: { PATH: process.env['PATH'], ...env } }),
  });
}

const basic = (user: string, password: string): string =>
  Buffer.from(`${user}:${password}`).toString('base64');

describe('the token-authenticated lab registry (bearer tokens from the lab token server)', () => {
  it('refuses an anonymous client with a clear error: who refused, where Parity looked, how to log in', async () => {
    const empty = dockerConfig({});
    const failure = clientWith({ DOCKER_CONFIG: empty }).manifest(image, digest);
    await expect(failure).rejects.toMatchObject({
      code: 'engine-error',
      message: `${auth.host} refused to let Parity read parity/app: it needs a login, and ${join(empty, 'config.json')} holds none for ${auth.host}.`,
      hint: `Log in, then run again: docker login ${auth.host}`,
    });
  });

  it('refuses a wrong password, naming the user and the file, never the password', async () => {
    const dir = dockerConfig({ auths: { [auth.host]: { auth: basic(auth.user, 'not-the-password') } } });
    const error = await clientWith({ DOCKER_CONFIG: dir })
      .manifest(image, digest)
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toContain(
      `refused the credentials of ${auth.user} from ${join(dir, 'config.json')}`,
    );
    expect(error?.message).not.toContain('not-the-password');
  });

  it('resolves with the credentials docker login would have stored in DOCKER_CONFIG', async () => {
    const dir = dockerConfig({ auths: { [auth.host]: { auth: basic(auth.user, auth.password) } } });
    const client = clientWith({ DOCKER_CONFIG: dir });
    const fetched = await client.manifest(image, digest);
    expect(fetched?.digest).toBe(digest);
    // What the engine will be given for its own pull.
    expect(await client.credentialsFor(image)).toMatchObject({
      username: auth.user,
      password: auth.password,
    });
  });

  it('resolves with credentials from a credential helper program', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'parity-helper-'));
    const helper = join(bin, 'docker-credential-paritylab');
    writeFileSync(
      helper,
      `#!/bin/sh\nread -r server\n[ "$server" = '${auth.host}' ] || { echo 'credentials not found'; exit 1; }\n` +
        `echo '{"ServerURL":"${auth.host}","Username":"${auth.user}","Secret":"${auth.password}"}'\n`,
    );
    chmodSync(helper, 0o755);
    const dir = dockerConfig({ credHelpers: { [auth.host]: 'paritylab' } });
    const client = new RegistryClient({
      credentials: dockerConfigCredentials({
        env: { DOCKER_CONFIG: dir, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
      }),
    });
    expect(await client.manifestDigest(image, '1.0.0')).toBe(digest);
  });

  it('resolves with an identity token through the OAuth2 refresh-token grant', async () => {
    const refreshToken = readFileSync(authRegistryPaths(lab.labDir ?? '').refreshToken, 'utf8').trim();
    const dir = dockerConfig({
      auths: { [auth.host]: { auth: basic(auth.user, ''), identitytoken: refreshToken } },
    });
    expect((await clientWith({ DOCKER_CONFIG: dir }).manifest(image, '1.0.0'))?.digest).toBe(digest);
  });
});

import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerConfigCredentials, dockerConfigPath } from '../../electron/core/registry/docker-config';

function configDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-docker-config-'));
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

const base64 = (text: string): string => Buffer.from(text).toString('base64');

/**
 * A real credential helper program, as docker-credential-pass or -osxkeychain would answer: it reads the
 * server from stdin and prints JSON, or "credentials not found" with exit 1. It logs what it was asked.
 */
function helperOnPath(
  name: string,
  answers: Record<string, { Username: string; Secret: string }>,
): { path: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'parity-cred-helper-'));
  const log = join(dir, 'asked.log');
  const cases = Object.entries(answers)
    .map(([server, answer]) => `  '${server}') echo '${JSON.stringify({ ServerURL: server, ...answer })}' ;;`)
    .join('\n');
  const script = `#!/bin/sh
[ "$1" = get ] || exit 2
read -r server
echo "$server" >> '${log}'
case "$server" in
${cases}
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`;
  const program = join(dir, `docker-credential-${name}`);
  writeFileSync(program, script);
  chmodSync(program, 0o755);
  return { path: `${dir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, log };
}

describe('credentials from the Docker config file', () => {
  it('finds the file through DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigPath({ env: { DOCKER_CONFIG: '/cfg' } })).toBe('/cfg/config.json');
    expect(dockerConfigPath({ env: {}, homedir: '/home/dev' })).toBe('/home/dev/.docker/config.json');
  });

  it('decodes auths[host].auth (base64 user:password, colons in the password kept)', async () => {
    const dir = configDir({ auths: { '127.0.0.1:5001': { auth: base64('parity:s3cr:et') } } });
    const store = dockerConfigCredentials({ env: { DOCKER_CONFIG: dir } });
    expect(await store.lookup('127.0.0.1:5001')).toEqual({
      username: 'parity',
      password: 's3cr:et',
      identityToken: undefined,
      source: join(dir, 'config.json'),
    });
    expect(await store.lookup('127.0.0.1:5000')).toBeUndefined();
    expect(store.origin).toBe(join(dir, 'config.json'));
  });

  it("matches keys written as URLs, and Docker Hub's https://index.docker.io/v1/ key", async () => {
    const dir = configDir({
      auths: {
        'https://index.docker.io/v1/': { auth: base64('hubuser:hubpass') },
        'https://registry.acme.dev/v2/': { auth: base64('acme:pw') },
      },
    });
    const store = dockerConfigCredentials({ env: { DOCKER_CONFIG: dir } });
    expect((await store.lookup('docker.io'))?.username).toBe('hubuser');
    expect((await store.lookup('registry.acme.dev'))?.password).toBe('pw');
  });

  it('prefers an identity token over the password docker login left beside it', async () => {
    const dir = configDir({ auths: { 'ghcr.io': { auth: base64('me:'), identitytoken: 'refresh-123' } } });
    const found = await dockerConfigCredentials({ env: { DOCKER_CONFIG: dir } }).lookup('ghcr.io');
    expect(found).toMatchObject({ identityToken: 'refresh-123', password: undefined });
  });

  it('asks credHelpers[host] by running docker-credential-<name> get with the server on stdin', async () => {
    const helper = helperOnPath('partest', {
      '127.0.0.1:5001': { Username: 'parity', Secret: 'from-helper' },
    });
    const dir = configDir({ auths: {}, credHelpers: { '127.0.0.1:5001': 'partest' } });
    const store = dockerConfigCredentials({ env: { DOCKER_CONFIG: dir, PATH: helper.path } });
    expect(await store.lookup('127.0.0.1:5001')).toEqual({
      username: 'parity',
      password: 'from-helper',
      identityToken: undefined,
      source: 'docker-credential-partest',
    });
  });

  it("asks credsStore for Docker Hub by its v1 URL, and reads the helper's <token> user as an identity token", async () => {
    const helper = helperOnPath('store', {
      'https://index.docker.io/v1/': { Username: '<token>', Secret: 'hub-refresh' },
    });
    const dir = configDir({ auths: { 'https://index.docker.io/v1/': {} }, credsStore: 'store' });
    const store = dockerConfigCredentials({ env: { DOCKER_CONFIG: dir, PATH: helper.path } });
    expect(await store.lookup('docker.io')).toMatchObject({
      identityToken: 'hub-refresh',
      username: undefined,
    });
    // "credentials not found" is no credentials, not a failure.
    expect(await store.lookup('quay.io')).toBeUndefined();
  });

  it('says which helper is missing instead of failing obscurely', async () => {
    const dir = configDir({ credsStore: 'nosuchhelper' });
    const store = dockerConfigCredentials({ env: { DOCKER_CONFIG: dir, PATH: '/nonexistent' } });
    await expect(store.lookup('ghcr.io')).rejects.toThrow(
      'docker-credential-nosuchhelper, which is not installed',
    );
  });

  it('refuses a helper name that is a path', async () => {
    const dir = configDir({ credHelpers: { 'ghcr.io': '../../bin/sh' } });
    await expect(dockerConfigCredentials({ env: { DOCKER_CONFIG: dir } }).lookup('ghcr.io')).rejects.toThrow(
      'not a plain name',
    );
  });

  it('treats a missing file as no credentials, and a broken one as bad input naming it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'parity-docker-config-'));
    expect(
      await dockerConfigCredentials({ env: { DOCKER_CONFIG: empty } }).lookup('docker.io'),
    ).toBeUndefined();
    const broken = configDir('{"auths": {');
    await expect(
      dockerConfigCredentials({ env: { DOCKER_CONFIG: broken } }).lookup('docker.io'),
    ).rejects.toThrow(`${join(broken, 'config.json')} is not valid JSON`);
  });

  it('runs a helper once per registry, however many images live there', async () => {
    const helper = helperOnPath('counted', { 'ghcr.io': { Username: 'u', Secret: 's' } });
    const dir = configDir({ credsStore: 'counted' });
    const store = dockerConfigCredentials({ env: { DOCKER_CONFIG: dir, PATH: helper.path } });
    await Promise.all([store.lookup('ghcr.io'), store.lookup('ghcr.io'), store.lookup('ghcr.io')]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(helper.log, 'utf8')).toBe('ghcr.io\n');
  });
});

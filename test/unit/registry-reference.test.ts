import { describe, expect, it } from 'vitest';
import { parseImageReference, pinnedForm } from '../../electron/core/registry/image-reference';
import { apiBase, credentialServer, isPlainHttp } from '../../electron/core/registry/registry-endpoint';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('image references, the way Docker reads them', () => {
  it.each([
    ['postgres', 'docker.io', 'library/postgres', undefined, undefined],
    ['postgres:16-alpine', 'docker.io', 'library/postgres', '16-alpine', undefined],
    [`postgres:16-alpine@${DIGEST}`, 'docker.io', 'library/postgres', '16-alpine', DIGEST],
    ['bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2', undefined],
    ['docker.io/library/node:20', 'docker.io', 'library/node', '20', undefined],
    ['index.docker.io/library/node', 'docker.io', 'library/node', undefined, undefined],
    [`registry.acme.dev/team/app@${DIGEST}`, 'registry.acme.dev', 'team/app', undefined, DIGEST],
    [`127.0.0.1:5000/parity/app@${DIGEST}`, '127.0.0.1:5000', 'parity/app', undefined, DIGEST],
    ['localhost/app:dev', 'localhost', 'app', 'dev', undefined],
    ['localhost:5000/app', 'localhost:5000', 'app', undefined, undefined],
    ['[::1]:5000/app:1', '[::1]:5000', 'app', '1', undefined],
    ['ghcr.io/org/sub/tool:v1.2.3', 'ghcr.io', 'org/sub/tool', 'v1.2.3', undefined],
  ])('%s → %s / %s', (text, domain, path, tag, digest) => {
    const ref = parseImageReference(text);
    expect({ domain: ref.domain, path: ref.path, tag: ref.tag, digest: ref.digest }).toEqual({
      domain,
      path,
      tag,
      digest,
    });
  });

  it('keeps the name as written, for the pin line to paste', () => {
    const ref = parseImageReference('postgres:16-alpine');
    expect(ref.name).toBe('postgres');
    expect(pinnedForm(ref, DIGEST)).toBe(`postgres@${DIGEST}`);
    expect(pinnedForm(parseImageReference('127.0.0.1:5000/parity/app:1.0.0'), DIGEST)).toBe(
      `127.0.0.1:5000/parity/app@${DIGEST}`,
    );
  });

  it.each([
    ['Postgres', 'repository name component'],
    ['app@sha256:abc', 'not a sha256 digest'],
    [`app@md5:${'a'.repeat(32)}`, 'not a sha256 digest'],
    ['app:-bad', 'not a valid tag'],
    ['registry.acme.dev/', 'repository name is empty'],
  ])('refuses %s, saying why', (text, why) => {
    expect(() => parseImageReference(text)).toThrow(why);
  });
});

describe('registry endpoints', () => {
  it('speaks plain http to loopback and listed insecure registries only, as Docker does', () => {
    expect(isPlainHttp('127.0.0.1:5000', [])).toBe(true);
    expect(isPlainHttp('127.1.2.3:5001', [])).toBe(true);
    expect(isPlainHttp('localhost:5000', [])).toBe(true);
    expect(isPlainHttp('[::1]:5000', [])).toBe(true);
    expect(isPlainHttp('registry.acme.dev', [])).toBe(false);
    expect(isPlainHttp('10.0.0.5:5000', [])).toBe(false);
    expect(isPlainHttp('10.0.0.5:5000', ['10.0.0.5:5000'])).toBe(true);
    expect(isPlainHttp('127.evil.example', [])).toBe(false);
  });

  it("reaches Docker Hub's API on its own host and keys its credentials the way docker login does", () => {
    expect(apiBase('docker.io', [])).toBe('https://registry-1.docker.io/v2');
    expect(apiBase('127.0.0.1:5000', [])).toBe('http://127.0.0.1:5000/v2');
    expect(credentialServer('docker.io')).toBe('https://index.docker.io/v1/');
    expect(credentialServer('ghcr.io')).toBe('ghcr.io');
  });
});

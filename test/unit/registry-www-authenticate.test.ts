import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from '../../electron/core/registry/www-authenticate';

describe('WWW-Authenticate challenges', () => {
  it("reads Docker Hub's bearer challenge, scope commas and all", () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/postgres:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/postgres:pull,push',
        },
      },
    ]);
  });

  it("reads the lab token registry's challenge (distribution 2.8 adds error=)", () => {
    const [challenge] = parseWwwAuthenticate(
      'Bearer realm="http://127.0.0.1:5002/token",service="parity-lab-auth-registry",scope="repository:parity/app:pull",error="insufficient_scope"',
    );
    expect(challenge?.params['error']).toBe('insufficient_scope');
    expect(challenge?.params['realm']).toBe('http://127.0.0.1:5002/token');
  });

  it('reads several challenges, spaces around "=", unquoted values and escapes', () => {
    expect(
      parseWwwAuthenticate(
        'Basic realm="Registry Realm", Bearer realm = "https://t.example/token" , service=reg',
      ),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://t.example/token', service: 'reg' } },
    ]);
    expect(parseWwwAuthenticate('Basic realm="say \\"hi\\""')[0]?.params['realm']).toBe('say "hi"');
  });

  it('gives nothing for an empty header and survives garbage', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(() => parseWwwAuthenticate('=,,"unterminated')).not.toThrow();
    expect(parseWwwAuthenticate('Negotiate')).toEqual([{ scheme: 'negotiate', params: {} }]);
  });
});

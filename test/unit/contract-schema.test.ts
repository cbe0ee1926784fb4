import { describe, expect, it } from 'vitest';
import { parityContractSchema } from '../../shared/parity-schema';

const DIGEST = `sha256:${'a1'.repeat(32)}`;
const shape = parityContractSchema.shape;

describe('the contract schema', () => {
  it('accepts pinned and unpinned image references: an unpinned one is a drift finding, not a parse error', () => {
    for (const ref of [
      'postgres',
      'postgres:16-alpine',
      `postgres:16-alpine@${DIGEST}`,
      `registry.acme.dev/team/app@${DIGEST}`,
      'localhost:5000/parity/app:v2',
      `127.0.0.1:5000/parity/postgres@${DIGEST}`,
      '[::1]:5000/app:latest',
    ]) {
      expect(shape.images.safeParse({ app: ref }).success, ref).toBe(true);
    }
  });

  it('refuses malformed image references', () => {
    for (const ref of [
      'Postgres:16',
      'app@sha256:abc',
      `app@sha512:${'a'.repeat(128)}`,
      'app:',
      '-app',
      'app name',
      '',
    ]) {
      expect(shape.images.safeParse({ app: ref }).success, ref).toBe(false);
    }
  });

  it('takes ssh targets that can never be read as an ssh option', () => {
    for (const ok of [
      'deploy@staging.acme.dev',
      'deploy@staging.acme.dev:2222',
      'staging-box',
      'ci@[::1]:22',
      'a@10.0.0.5',
    ]) {
      expect(shape.staging.shape.ssh.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of [
      '-oProxyCommand=x',
      'deploy@host:0',
      'deploy@host:65536',
      'deploy@',
      'a b',
      'ssh://deploy@host',
    ]) {
      expect(shape.staging.shape.ssh.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('takes platforms, host keys and health paths in the forms the tools print them', () => {
    expect(shape.platforms.safeParse(['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7']).success).toBe(true);
    expect(shape.platforms.safeParse(['amd64']).success).toBe(false);
    expect(shape.platforms.safeParse([]).success).toBe(false);
    expect(
      shape.staging.shape.hostKey.safeParse('SHA256:0lrzN1cDjPXxcA6BFV3BavuiZSsPq35fm+j8NA1uItI').success,
    ).toBe(true);
    expect(
      shape.staging.shape.hostKey.safeParse('SHA256:0lrzN1cDjPXxcA6BFV3BavuiZSsPq35fm+j8NA1uItI=').success,
    ).toBe(false);
    const ignore = shape.health.valueType.shape.ignore;
    expect(ignore.safeParse(['$.uptime', '$.checks[0].time', "$['x.y']", '$.a[*].b']).success).toBe(true);
    expect(ignore.safeParse(['uptime']).success).toBe(false);
    expect(ignore.safeParse(['$']).success).toBe(false);
  });

  it('keeps the name usable as a compose project name', () => {
    expect(shape.name.safeParse('acme-web_2').success).toBe(true);
    for (const bad of ['Acme', '-acme', '_acme', 'acme web', ''])
      expect(shape.name.safeParse(bad).success, bad).toBe(false);
  });
});

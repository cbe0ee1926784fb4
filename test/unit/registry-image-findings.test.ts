import { describe, expect, it } from 'vitest';
import { tagMoved } from '../../electron/core/images/image-findings';
import { verifyRepoDigests } from '../../electron/core/images/pull-images';
import type { ResolvedImage } from '../../electron/core/images/resolve-images';
import { parseImageReference } from '../../electron/core/registry/image-reference';

const D = (c: string): string => `sha256:${c.repeat(64)}`;

function resolved(reference: string, digest: string): ResolvedImage {
  return {
    service: 'db',
    ref: parseImageReference(reference),
    digest,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: { 'linux/amd64': D('2') },
    tag: undefined,
  };
}

describe('image findings', () => {
  it('accepts RepoDigests that hold the pulled digest, under the name the engine uses', () => {
    // The engine drops docker.io/library/ for official images: postgres@…, not docker.io/library/postgres@….
    expect(
      verifyRepoDigests(resolved(`docker.io/library/postgres@${D('1')}`, D('1')), [`postgres@${D('1')}`]),
    ).toBeUndefined();
    expect(
      verifyRepoDigests(resolved(`127.0.0.1:5000/parity/app@${D('1')}`, D('1')), [
        `127.0.0.1:5000/parity/app@${D('9')}`,
        `127.0.0.1:5000/parity/app@${D('1')}`,
      ]),
    ).toBeUndefined();
  });

  it('reports image.digest-mismatch with both sides and the commands that fix it', () => {
    const finding = verifyRepoDigests(resolved(`postgres:16@${D('1')}`, D('1')), [`postgres@${D('3')}`]);
    expect(finding).toEqual({
      kind: 'image.digest-mismatch',
      severity: 'error',
      message: `db: the engine pulled postgres@${D('1')} but its RepoDigests are postgres@${D('3')}: it does not hold the pinned image.`,
      evidence: {
        service: 'db',
        reference: `postgres:16@${D('1')}`,
        expected: D('1'),
        repoDigests: `postgres@${D('3')}`,
      },
      remediation: {
        summary: expect.stringContaining('mirror') as unknown,
        commands: [`docker image rm postgres@${D('1')}`, 'npx parity pull'],
      },
    });
    expect(verifyRepoDigests(resolved(`postgres@${D('1')}`, D('1')), [])?.message).toContain('(none)');
  });

  it('words image.tag-moved for a pin and for a bare tag, with the line to paste and --update', () => {
    const ref = parseImageReference('postgres:16-alpine');
    const bare = tagMoved('db', ref, D('1'), D('2'), false);
    expect(bare.message).toBe(
      `db: postgres:16-alpine names ${D('2')} now, but parity.lock recorded ${D('1')}. Parity keeps pulling the locked digest; anyone pulling the tag gets different bytes.`,
    );
    expect(bare.remediation.summary).toContain(`\n        db: postgres@${D('2')}`);
    expect(bare.remediation.commands).toEqual(['npx parity pull --update']);
    expect(tagMoved('db', ref, D('1'), D('2'), true).message).toContain('The pin in parity.yml still holds');
  });
});

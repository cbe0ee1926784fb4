import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParityLock } from '../../shared/lock-schema';
import type { ResolvedImage } from '../../electron/core/images/resolve-images';
import { buildLock } from '../../electron/core/lock/build-lock';
import { lockPathFor, readLock, writeLock } from '../../electron/core/lock/lock-file';
import { parseImageReference } from '../../electron/core/registry/image-reference';

const D = (c: string): string => `sha256:${c.repeat(64)}`;

const LOCK: ParityLock = {
  version: 1,
  compose: { hash: D('c') },
  images: {
    db: {
      reference: 'postgres:16-alpine',
      digest: D('1'),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      tag: { name: '16-alpine', digest: D('1') },
      platforms: { 'linux/arm64/v8': D('3'), 'linux/amd64': D('2') },
    },
    app: {
      reference: `registry.acme.dev/app@${D('4')}`,
      digest: D('4'),
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      platforms: { 'linux/amd64': D('4') },
    },
  },
};

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'parity-lock-'));
}

describe('parity.lock', () => {
  it('round-trips, with sorted keys, two-space indent and a trailing newline', async () => {
    const path = lockPathFor(workspace());
    await writeLock(path, LOCK);
    expect(await readLock(path)).toEqual(LOCK);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"app"')).toBeLessThan(text.indexOf('"db"'));
    expect(text.indexOf('"linux/amd64"')).toBeLessThan(text.indexOf('"linux/arm64/v8"'));
    expect(text.indexOf('"compose"')).toBeLessThan(text.indexOf('"images"'));
    expect(text).toContain('\n  "version": 1\n');
  });

  it('writes the same bytes for the same lock, whatever the key order it was built in', async () => {
    const dir = workspace();
    await writeLock(join(dir, 'a.lock'), LOCK);
    const reordered = JSON.parse(
      JSON.stringify({ images: LOCK.images, version: 1, compose: LOCK.compose }),
    ) as ParityLock;
    await writeLock(join(dir, 'b.lock'), reordered);
    expect(readFileSync(join(dir, 'a.lock'), 'utf8')).toBe(readFileSync(join(dir, 'b.lock'), 'utf8'));
  });

  it('replaces the old file by rename and leaves no temp file behind', async () => {
    const dir = workspace();
    const path = lockPathFor(dir);
    writeFileSync(path, 'old');
    await writeLock(path, LOCK);
    expect(readdirSync(dir)).toEqual(['parity.lock']);
  });

  it('is undefined when there is none yet', async () => {
    expect(await readLock(lockPathFor(workspace()))).toBeUndefined();
  });

  it.each([
    ['{"version": 1, "images": {', 'is not JSON'],
    ['[]', 'the top level'],
    [JSON.stringify({ ...LOCK, compose: { hash: 'md5:x' } }), 'compose.hash'],
    [
      JSON.stringify({ ...LOCK, images: { app: { ...LOCK.images['app'], digest: 'latest' } } }),
      'images.app.digest',
    ],
    [JSON.stringify({ ...LOCK, images: { app: { ...LOCK.images['app'], extra: 1 } } }), 'images.app'],
  ])('refuses a corrupt lock with its path and the fix: %s', async (text, where) => {
    const path = lockPathFor(workspace());
    writeFileSync(path, text);
    const failure = readLock(path);
    await expect(failure).rejects.toThrow(`${path} is not a valid parity.lock`);
    await expect(failure).rejects.toThrow(where);
    await expect(failure).rejects.toMatchObject({
      code: 'invalid-request',
      hint: expect.stringContaining('git checkout') as unknown,
    });
  });

  it('refuses a lock from a newer Parity instead of misreading it', async () => {
    const path = lockPathFor(workspace());
    writeFileSync(path, JSON.stringify({ ...LOCK, version: 2 }));
    await expect(readLock(path)).rejects.toThrow('written by a newer Parity');
  });

  it("keeps other commands' sections when pull rewrites the images, and drops services parity.yml lost", async () => {
    const previous = { ...LOCK, seed: { checksum: D('9') } } as ParityLock;
    const image: ResolvedImage = {
      service: 'app',
      ref: parseImageReference(`registry.acme.dev/app@${D('5')}`),
      digest: D('5'),
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      platforms: { 'linux/amd64': D('5') },
      tag: undefined,
    };
    const next = buildLock(previous, [image], D('e'));
    expect(next['seed']).toEqual({ checksum: D('9') });
    expect(Object.keys(next.images)).toEqual(['app']);
    expect(next.compose.hash).toBe(D('e'));
    const path = lockPathFor(workspace());
    await writeLock(path, next);
    expect((await readLock(path))?.['seed']).toEqual({ checksum: D('9') });
  });
});

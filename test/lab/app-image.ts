import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshBuildDir, renderFixture } from './build-dir.js';
import type { Engine } from './engine-client.js';
import { ensurePushedImage } from './images.js';
import type { PushedImage } from './images.js';

export const APP_REPOSITORY = 'parity/app';
export const APP_VERSIONS = ['1.0.0', '2.0.0'] as const;
export type AppVersion = (typeof APP_VERSIONS)[number];

// Debian's busybox-static: no shared libraries, so it runs in a FROM scratch image.
const BUSYBOX = '/bin/busybox';

function prepareContext(cache: string, version: AppVersion): string {
  const dir = freshBuildDir(cache, `app-${version}`);
  const bin = join(dir, 'rootfs', 'bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(join(dir, 'rootfs', 'app'), { recursive: true });
  copyFileSync(BUSYBOX, join(bin, 'busybox'));
  const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .filter((name) => /^[\w.[-]+$/.test(name));
  for (const applet of applets) if (applet !== 'busybox') symlinkSync('busybox', join(bin, applet));
  writeFileSync(join(dir, 'rootfs', 'app', 'start.sh'), renderFixture('app/start.sh', { VERSION: version }), {
    mode: 0o755,
  });
  writeFileSync(join(dir, 'Dockerfile'), renderFixture('app/Dockerfile', { VERSION: version }));
  return dir;
}

export async function ensureAppImages(
  engine: Engine,
  cache: string,
): Promise<Record<AppVersion, PushedImage>> {
  // Sequential: two builds at once only contend for the same 2 cores and the same layer.
  const first = await ensurePushedImage(engine, {
    repository: APP_REPOSITORY,
    tag: '1.0.0',
    contextDir: prepareContext(cache, '1.0.0'),
  });
  const second = await ensurePushedImage(engine, {
    repository: APP_REPOSITORY,
    tag: '2.0.0',
    contextDir: prepareContext(cache, '2.0.0'),
  });
  return { '1.0.0': first, '2.0.0': second };
}

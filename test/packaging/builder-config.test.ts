import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * Only the Linux `dir` build can run here (and it validates the whole file against electron-builder's schema);
 * the macOS and Windows targets are release-machine work, so their shape and resources are checked as written.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  asar?: boolean;
  npmRebuild?: boolean;
  directories?: { buildResources?: string };
  mac?: {
    target?: Target[];
    hardenedRuntime?: boolean;
    entitlements?: string;
    entitlementsInherit?: string;
    category?: string;
  };
  win?: { target?: Target[] };
  linux?: { target?: string[]; category?: string };
}

const config = parse(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function entitlementKeys(plist: string): string[] {
  const withoutComments = plist.replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1] ?? '');
}

describe('electron-builder.yml', () => {
  it('names the app and ships only the build output, in an asar, without a native rebuild', () => {
    expect(config).toMatchObject({
      appId: 'dev.parity.app',
      productName: 'Parity',
      asar: true,
      npmRebuild: false,
    });
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.directories?.buildResources).toBe('resources');
  });

  it('builds macOS dmg and zip for arm64 and x64 under the hardened runtime', () => {
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
  });

  it('grants the app and its helpers only the JIT entitlement V8 needs', async () => {
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toMatch(/^resources\//);
      expect(entitlementKeys(await readFile(join(ROOT, file ?? ''), 'utf8'))).toEqual([
        'com.apple.security.cs.allow-jit',
      ]);
    }
  });

  it('builds a Windows installer for x64 and arm64, and an AppImage and a deb for Linux', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Development');
  });

  it('has a 512×512 PNG icon in resources/ for every platform to derive its own from', async () => {
    const png = await readFile(join(ROOT, 'resources', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

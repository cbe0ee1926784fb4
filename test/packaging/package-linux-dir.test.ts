import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsarContents, bareImports } from './asar-contents';
import { writeTripwire } from './network-tripwire';
import { readFuses, writeStandInElectron } from './stand-in-electron';

/**
 * Packages the built app the way a release does — electron-builder with our electron-builder.yml — for
 * `--linux dir`, against a stand-in Electron (its zip cannot be downloaded here) and with the network refused,
 * then reads what would ship: app.asar and the executable's fuses.
 */
const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireHere = createRequire(import.meta.url);
const BUILT = ['out/main/main.js', 'out/main/cli.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
/** What main needs at run time (electron-vite keeps package.json "dependencies" external). */
const RUNTIME = ['dockerode', 'ssh2', 'yaml', 'zod', 'ws', 'ajv'];
/** Tooling that must never ship, whoever depends on it. */
const TOOLING = [
  'vitest',
  'eslint',
  'playwright-core',
  'electron-builder',
  'app-builder-lib',
  'electron',
  'electron-vite',
  'vite',
  'typescript',
  'prettier',
  'tsx',
  'happy-dom',
  '@doyensec/electronegativity',
  '@electron/asar',
];

let work: string;
let unpacked: string;
let contents: AsarContents;
let rootManifest: {
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
let networkAttempts: string[];
let seconds: number;

beforeAll(async () => {
  // `npm test` builds before vitest; a bare `vitest run --project packaging` builds once if out/ is missing.
  if (!BUILT.every((file) => existsSync(join(ROOT, file)))) {
    const electronVite = join(
      dirname(requireHere.resolve('electron-vite/package.json')),
      'bin',
      'electron-vite.js',
    );
    await run(process.execPath, [electronVite, 'build'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
  }
  work = await mkdtemp(join(tmpdir(), 'parity-packaging-'));
  const electronVersion = (requireHere('electron/package.json') as { version: string }).version;
  const dist = join(work, 'electron-dist');
  await writeStandInElectron(dist, electronVersion);
  const tripwire = await writeTripwire(work);
  const output = join(work, 'dist');

  const started = performance.now();
  await run(
    process.execPath,
    [
      requireHere.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${dist}`,
      `-c.electronVersion=${electronVersion}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...tripwire.env, NO_UPDATE_NOTIFIER: '1', ELECTRON_BUILDER_OFFLINE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch(async (error: Error & { stdout?: string; stderr?: string }) => {
    const attempts = (await tripwire.attempts()).join('\n') || 'none';
    throw new Error(
      `electron-builder failed (network attempts: ${attempts}):\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      { cause: error },
    );
  });
  seconds = (performance.now() - started) / 1000;
  console.info(`electron-builder --linux dir: ${seconds.toFixed(1)} s`);

  networkAttempts = await tripwire.attempts();
  unpacked = join(output, 'linux-unpacked');
  contents = new AsarContents(join(unpacked, 'resources', 'app.asar'));
  rootManifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as typeof rootManifest;
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('electron-builder --linux dir with a stand-in Electron', () => {
  it('packages without touching the network, in well under two minutes', () => {
    expect(networkAttempts).toEqual([]);
    // 6–9 s on the build machines; minutes would mean a download or a native rebuild crept in.
    expect(seconds).toBeLessThan(120);
  });

  it('lays out the unpacked app: the renamed executable, the license, app.asar', async () => {
    expect((await stat(join(unpacked, 'parity'))).mode & 0o111).not.toBe(0);
    expect(existsSync(join(unpacked, 'LICENSE.electron.txt'))).toBe(true);
    expect(existsSync(join(unpacked, 'resources', 'app.asar'))).toBe(true);
  });

  it('flips the fuses: no Node mode, no NODE_OPTIONS or --inspect, the app only from its checked asar', async () => {
    expect(readFuses(await readFile(join(unpacked, 'parity')))).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      // Left as Electron ships them: the page is a file:// ES module, which needs file://'s privileges.
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '1',
    });
  });
});

describe('app.asar', () => {
  it('holds the built main, CLI, preload and renderer, and package.json points main at one of them', () => {
    for (const file of [...BUILT, 'package.json']) expect(contents.has(file), file).toBe(true);
    const main = contents.json('package.json').main ?? '';
    expect(main).toBe(rootManifest.main);
    expect(contents.has(main)).toBe(true);
    const page = contents.text('out/renderer/index.html');
    for (const [, asset] of page.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) {
      expect(contents.has(`out/renderer/${asset ?? ''}`), asset).toBe(true);
    }
  });

  it('holds nothing of ours but out/ and package.json: no sources, tests, lab, fixtures or configs', () => {
    const ours = [...contents.files].filter((f) => f !== 'node_modules' && !f.startsWith('node_modules/'));
    // The whitelist says it all; the named folders are spelled out so a failure reads plainly.
    expect(ours.filter((f) => f !== 'package.json' && f !== 'out' && !f.startsWith('out/'))).toEqual([]);
    expect(
      ours.filter((f) => /\.(ts|tsx|map)$/.test(f) || /(^|\/)(test|\.lab|fixtures|src)\//.test(f)),
    ).toEqual([]);
  });

  it('holds every package main imports, and everything those packages need in turn', () => {
    const dependencies = Object.keys(rootManifest.dependencies ?? {});
    const imported = [...contents.files]
      .filter((file) => /^out\/main\/.*\.js$/.test(file))
      .flatMap((file) => bareImports(contents.text(file)));
    // electron-vite leaves only package.json "dependencies" external, so whatever main imports must be one.
    expect([...new Set(imported)].filter((name) => !dependencies.includes(name))).toEqual([]);
    for (const name of new Set([...RUNTIME, ...imported, ...dependencies])) {
      expect(contents.resolvePackage(name), `node_modules/${name}`).toBeDefined();
    }
    expect(contents.unresolvedDependencies()).toEqual([]);
  });

  it('holds no devDependency and no build or test tooling', () => {
    const names = contents.packageNames();
    expect(TOOLING.filter((name) => names.has(name))).toEqual([]);
    // A devDependency may ship only as some runtime package's own dependency (protobufjs needs @types/node).
    const leaked = Object.keys(rootManifest.devDependencies ?? {}).filter(
      (name) => contents.resolvePackage(name) && contents.dependents(name).length === 0,
    );
    expect(leaked).toEqual([]);
  });
});

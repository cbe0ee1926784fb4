import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { freshBuildDir, renderFixture } from './build-dir.js';
import { debianMirror } from './debian-mirror.js';
import type { Engine } from './engine-client.js';
import { drainProgress, ensurePushedImage } from './images.js';
import type { PushedImage } from './images.js';
import { unmountUnder } from './mounts.js';
import { run, runLogged } from './proc.js';

export const POSTGRES_REPOSITORY = 'parity/postgres';
export const POSTGRES_TAG = '15';
const BASE_REPOSITORY = 'parity-lab/postgres-base';

// Changing any of this must give a new tarball: it is part of the cache key.
const RECIPE = { suite: 'bookworm', variant: 'minbase', include: ['postgresql-15'], trimmed: 2 } as const;
const RECIPE_KEY = createHash('sha256').update(JSON.stringify(RECIPE)).digest('hex').slice(0, 12);

const DEAD_WEIGHT = [
  // Downloaded .debs and package lists.
  'var/cache/apt/archives',
  'var/lib/apt/lists',
  // The package's default cluster: the entrypoint runs initdb into PGDATA instead.
  'var/lib/postgresql/15',
  'usr/share/doc',
  'usr/share/man',
  'usr/share/info',
  'usr/share/locale',
  'usr/share/i18n',
  // The JIT provider and its bitcode; PostgreSQL silently runs without JIT when the provider is absent.
  'usr/lib/postgresql/15/lib/llvmjit.so',
  'usr/lib/postgresql/15/lib/llvmjit_types.bc',
  'usr/lib/postgresql/15/lib/bitcode',
];

/** Drops what a lab database never uses: about half of the rootfs is LLVM, docs and translations. */
function trimRootfs(rootfs: string): void {
  for (const path of DEAD_WEIGHT) rmSync(join(rootfs, path), { recursive: true, force: true });
  const libDir = join(rootfs, 'usr/lib/x86_64-linux-gnu');
  for (const name of readdirSync(libDir)) {
    if (/^libLLVM-\d+\.so|^libz3\.so/.test(name)) rmSync(join(libDir, name), { force: true });
  }
  mkdirSync(join(rootfs, 'var/cache/apt/archives/partial'), { recursive: true });
  mkdirSync(join(rootfs, 'var/lib/apt/lists/partial'), { recursive: true });
}

/** Tarballs of older recipes would otherwise pile up in the cache. */
function removeOtherTarballs(cache: string, keep: string): void {
  for (const name of readdirSync(cache)) {
    if (/^postgres-rootfs-.*\.tar(\.partial)?$/.test(name) && join(cache, name) !== keep)
      rmSync(join(cache, name), { force: true });
  }
}

/** Where debootstrap works; only a killed run leaves it behind. */
export function rootfsWorkDir(cache: string): string {
  return join(cache, 'postgres-rootfs');
}

/** The rootfs tarball, built once per recipe and kept in the cache across lab:down. */
async function ensureRootfsTarball(cache: string): Promise<string> {
  const tarball = join(cache, `postgres-rootfs-${RECIPE_KEY}.tar`);
  if (existsSync(tarball)) return tarball;
  mkdirSync(cache, { recursive: true });
  const rootfs = rootfsWorkDir(cache);
  const log = join(cache, 'debootstrap.log');
  // A killed debootstrap leaves proc/sys mounted inside the half-built rootfs.
  await unmountUnder([rootfs]);
  rmSync(rootfs, { recursive: true, force: true });
  writeFileSync(log, '');
  await runLogged(
    'debootstrap',
    [
      `--variant=${RECIPE.variant}`,
      `--include=${RECIPE.include.join(',')}`,
      RECIPE.suite,
      rootfs,
      debianMirror(RECIPE.suite),
    ],
    log,
    600_000,
  );
  await unmountUnder([rootfs]);
  trimRootfs(rootfs);
  const partial = `${tarball}.partial`;
  await run('tar', ['--numeric-owner', '-C', rootfs, '-cf', partial, '.'], { timeoutMs: 300_000 });
  renameSync(partial, tarball);
  removeOtherTarballs(cache, tarball);
  rmSync(rootfs, { recursive: true, force: true });
  return tarball;
}

async function ensureBaseImage(engine: Engine, cache: string, baseImage: string): Promise<void> {
  const present = await engine.docker
    .getImage(baseImage)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (present) return;
  const tarball = await ensureRootfsTarball(cache);
  // The Engine API's equivalent of `docker import`: POST /images/create?fromSrc=-
  const progress = await engine.docker.importImage(createReadStream(tarball), {
    repo: BASE_REPOSITORY,
    tag: RECIPE_KEY,
  });
  await drainProgress(progress);
}

export async function ensurePostgresImage(engine: Engine, cache: string): Promise<PushedImage> {
  const baseImage = `${BASE_REPOSITORY}:${RECIPE_KEY}`;
  const contextDir = freshBuildDir(cache, 'postgres-15');
  writeFileSync(
    join(contextDir, 'Dockerfile'),
    renderFixture('postgres/Dockerfile', { BASE_IMAGE: baseImage }),
  );
  writeFileSync(join(contextDir, 'entrypoint.sh'), renderFixture('postgres/entrypoint.sh', {}), {
    mode: 0o755,
  });
  return ensurePushedImage(engine, {
    repository: POSTGRES_REPOSITORY,
    tag: POSTGRES_TAG,
    contextDir,
    beforeBuild: () => ensureBaseImage(engine, cache, baseImage),
  });
}

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { DockerEngine } from '../engine/docker-engine';
import { ParityError } from '../parity-error';

/** Where the volume is mounted in the helper container; archive entries are `volume/…`. */
const MOUNT = '/volume';
const HELPER_LABEL = 'dev.parity.helper';

export interface VolumeArchive {
  file: string;
  /** `sha256:<hex>` of the archive file's bytes. */
  digest: string;
  bytes: number;
}

/**
 * Archives a named volume to a tar file through a short-lived helper container that is created but never
 * started: the Engine's archive endpoint reads the volume through the mount, so no tar, shell or network
 * is needed inside any image. The file is written beside its final name, hashed as it streams, and only
 * renamed into place once complete.
 */
export async function archiveVolume(
  engine: DockerEngine,
  volume: string,
  helperImage: string,
  file: string,
): Promise<VolumeArchive> {
  await mkdir(dirname(file), { recursive: true });
  await removeStaleHelpers(engine, volume);
  const partial = `${file}.partial`;
  return withHelper(engine, volume, helperImage, true, async (helper) => {
    const tar = (await helper.getArchive({ path: MOUNT })) as Readable;
    const hash = createHash('sha256');
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(tar, count, createWriteStream(partial, { mode: 0o600 }));
    } catch (error) {
      await rm(partial, { force: true });
      throw new ParityError(
        'engine-error',
        `Archiving volume ${volume} failed: ${(error as Error).message}.`,
      );
    }
    await rename(partial, file);
    return { file, digest: `sha256:${hash.digest('hex')}`, bytes };
  });
}

/** sha256 of a file, streamed. */
export async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Restores a volume from its archive. The archive is verified against its recorded digest first; only then
 * is the volume replaced: removed and created again with the same driver and labels (so it stays part of
 * its compose project) and filled through a helper container. Ownership and modes come from the archive.
 * The volume must not be in use: the caller stops the stack first.
 */
export async function restoreVolume(
  engine: DockerEngine,
  volume: string,
  helperImage: string,
  archive: { file: string; digest: string },
  /** Labels for a volume that no longer exists (removed by `down --volumes`), so its project owns it again. */
  labelsIfMissing: Record<string, string> = {},
): Promise<void> {
  const size = await stat(archive.file).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0)
    throw new ParityError('engine-error', `The archive ${archive.file} of volume ${volume} is missing.`);
  const actual = await fileDigest(archive.file);
  if (actual !== archive.digest) {
    throw new ParityError(
      'engine-error',
      `The archive of volume ${volume} is damaged: its sha256 is ${actual}, the baseline recorded ${archive.digest}. The volume was left as it is.`,
      'Restore from another baseline (npx parity baseline list).',
    );
  }
  await removeStaleHelpers(engine, volume);
  const existing = await engine.client
    .getVolume(volume)
    .inspect()
    .catch(() => undefined);
  if (existing) await engine.client.getVolume(volume).remove();
  await engine.client.createVolume({
    Name: volume,
    Driver: existing?.Driver ?? 'local',
    Labels: existing?.Labels ?? labelsIfMissing,
    ...(existing?.Options ? { DriverOpts: existing.Options } : {}),
  });
  await withHelper(engine, volume, helperImage, false, async (helper) => {
    // The archive's entries are `volume/…`, so extracting at / lands them in the mount.
    await helper.putArchive(createReadStream(archive.file), { path: '/' });
  });
}

/**
 * Helpers an earlier run could not remove because the engine went away mid-archive or mid-restore: created,
 * never started, still mounting the volume, which keeps it from being replaced. Removed before new work.
 */
async function removeStaleHelpers(engine: DockerEngine, volume: string): Promise<void> {
  const stale = await engine.client.listContainers({
    all: true,
    filters: { label: [`${HELPER_LABEL}=volume-archive`], volume: [volume] },
  });
  for (const helper of stale) await engine.client.getContainer(helper.Id).remove({ force: true, v: true });
}

async function withHelper<T>(
  engine: DockerEngine,
  volume: string,
  image: string,
  readOnly: boolean,
  work: (helper: ReturnType<DockerEngine['client']['getContainer']>) => Promise<T>,
): Promise<T> {
  const helper = await engine.client.createContainer({
    Image: image,
    Entrypoint: ['/parity-helper-never-started'],
    Cmd: [],
    Labels: { [HELPER_LABEL]: 'volume-archive' },
    HostConfig: { Binds: [`${volume}:${MOUNT}${readOnly ? ':ro' : ''}`] },
  });
  try {
    return await work(helper);
  } finally {
    // v removes only the anonymous volumes an image's VOLUME lines made for the helper; named ones stay.
    await helper.remove({ force: true, v: true });
  }
}

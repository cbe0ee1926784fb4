import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { BASELINE_SCHEMA_VERSION, type Baseline } from '../../../shared/baseline-schema';
import type { ParityContract } from '../../../shared/parity-schema';
import type { DockerEngine } from '../engine/docker-engine';
import { dumpDigest } from '../seed/dump-digest';
import type { BaselineStore } from './baseline-store';
import { archiveVolume, fileDigest } from './volume-archive';

export interface BaselineWorkspace {
  dir: string;
  project: string;
  contract: ParityContract;
}

/**
 * Saves a baseline: the contract files (with the git commit), what runs (images, env keys), the seed's
 * checksum, and an archive of every named volume of the project. Containers using a volume are paused
 * while it is archived, so a database's files are copied in one consistent moment.
 */
export async function saveBaseline(
  engine: DockerEngine,
  store: BaselineStore,
  workspace: BaselineWorkspace,
  options: { kind: Baseline['kind']; name?: string; now?: Date },
): Promise<Baseline> {
  const now = options.now ?? new Date();
  const id = `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
  const partial = await store.begin(id);
  const label = `com.docker.compose.project=${workspace.project}`;

  const files: Baseline['files'] = [];
  for (const path of contractFiles(workspace)) {
    const source = join(workspace.dir, path);
    if (
      !(await stat(source).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      continue;
    const target = join(partial, 'files', path);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
    files.push({ path, digest: await fileDigest(target) });
  }

  const containers = await engine.client.listContainers({ all: true, filters: { label: [label] } });
  const images: Baseline['images'] = {};
  const envKeys: Baseline['envKeys'] = {};
  for (const summary of containers) {
    const service = summary.Labels['com.docker.compose.service'];
    if (service === undefined || summary.Labels['com.docker.compose.oneoff'] === 'True') continue;
    const inspect = await engine.client.getContainer(summary.Id).inspect();
    images[service] = inspect.Config.Image;
    envKeys[service] = (inspect.Config.Env ?? []).map((entry) => entry.split('=')[0] ?? entry).sort();
  }

  const seedContainer = containers.find(
    (c) =>
      c.Labels['com.docker.compose.service'] === workspace.contract.seed.service && c.State === 'running',
  );
  const seed = seedContainer
    ? (await dumpDigest(engine, seedContainer.Id, workspace.contract.seed.dump)).digest
    : null;

  const volumes: Baseline['volumes'] = [];
  const volumeUsers: Baseline['volumeUsers'] = {};
  const { Volumes } = await engine.client.listVolumes({ filters: { label: [label] } });
  for (const volume of (Volumes ?? []).sort((a, b) => a.Name.localeCompare(b.Name))) {
    const key = volume.Labels?.['com.docker.compose.volume'] ?? volume.Name;
    const users = containers.filter((c) => c.Mounts.some((m) => m.Name === volume.Name));
    volumeUsers[key] = [
      ...new Set(
        users.map((c) => c.Labels['com.docker.compose.service']).filter((s): s is string => s !== undefined),
      ),
    ].sort();
    // With no container of the project left, an image the contract pins still reads the volume.
    const helperImage =
      users[0]?.Image ?? Object.values(images)[0] ?? Object.values(workspace.contract.images)[0];
    if (helperImage === undefined) continue; // nothing of the project exists to read the volume with
    const running = users.filter((c) => c.State === 'running');
    for (const c of running) await engine.client.getContainer(c.Id).pause();
    try {
      const archive = await archiveVolume(
        engine,
        volume.Name,
        helperImage,
        join(partial, 'volumes', `${key}.tar`),
      );
      volumes.push({
        key,
        name: volume.Name,
        archive: `volumes/${key}.tar`,
        digest: archive.digest,
        bytes: archive.bytes,
      });
    } finally {
      for (const c of running) await engine.client.getContainer(c.Id).unpause();
    }
  }

  const baseline: Baseline = {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    id,
    name: options.name ?? (options.kind === 'before-reset' ? 'before reset' : id),
    kind: options.kind,
    createdAt: now.toISOString(),
    project: workspace.project,
    workspace: workspace.dir,
    git: { commit: await gitCommit(workspace.dir) },
    files,
    images,
    envKeys,
    seed,
    volumeUsers,
    volumes,
  };
  await store.commit(baseline, partial);
  return baseline;
}

/** parity.yml, the compose file, the env template and the lockfile, relative to the workspace. */
export function contractFiles(workspace: BaselineWorkspace): string[] {
  const files = ['parity.yml', workspace.contract.compose, 'parity.lock'];
  if (workspace.contract.env.template) files.push(workspace.contract.env.template);
  return [...new Set(files.map((f) => relative(workspace.dir, join(workspace.dir, f))))];
}

async function gitCommit(dir: string): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['-C', dir, 'rev-parse', 'HEAD'], { timeout: 5_000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveVolume, fileDigest, restoreVolume } from '../../electron/core/baseline/volume-archive';
import { execCapture } from '../../electron/core/engine/container-exec';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { waitForHealthy } from '../../electron/core/engine/health-wait';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
const volume = `parity-it-volume-${process.pid}`;
const labels = {
  'com.docker.compose.project': `parity-it-${process.pid}`,
  'com.docker.compose.volume': 'db-data',
};
let engine: DockerEngine;
const dir = mkdtempSync(join(tmpdir(), 'parity-archive-'));

async function database(): Promise<string> {
  const container = await engine.client.createContainer({
    Image: lab.images.postgres,
    Env: ['POSTGRES_DB=app_db'],
    HostConfig: { Binds: [`${volume}:/var/lib/postgresql/data`] },
  });
  await container.start();
  await waitForHealthy(engine, container.id, { timeoutMs: 60_000 });
  return container.id;
}

async function sql(container: string, statement: string): Promise<string> {
  const result = await execCapture(engine, container, {
    cmd: ['psql', '-U', 'postgres', '-d', 'app_db', '-v', 'ON_ERROR_STOP=1', '-tAc', statement],
  });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

async function stopAndRemove(container: string): Promise<void> {
  await engine.client.getContainer(container).remove({ force: true });
}

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  await ensureImage(engine, lab.images.postgres);
  await engine.client.createVolume({ Name: volume, Labels: labels });
});
afterAll(async () => {
  await engine.client
    .getVolume(volume)
    .remove()
    .catch(() => undefined);
});

describe('volume archives through a never-started helper container', () => {
  it('archives a live database volume and restores it byte for byte, rows and labels included', async () => {
    let db = await database();
    await sql(db, "CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'kept')");
    await stopAndRemove(db); // a consistent copy: the database is stopped, as the baseline command does
    const archive = await archiveVolume(engine, volume, lab.images.postgres, join(dir, 'db-data.tar'));
    expect(archive.digest).toBe(await fileDigest(archive.file));
    expect(archive.bytes).toBeGreaterThan(1_000_000);

    db = await database();
    await sql(db, "INSERT INTO notes VALUES (2, 'written after the baseline')");
    expect(await sql(db, 'SELECT count(*) FROM notes')).toBe('2');
    await stopAndRemove(db);

    await restoreVolume(engine, volume, lab.images.postgres, archive);
    // The restored volume archives to the very same bytes: every byte is proven, not just the rows.
    const again = await archiveVolume(engine, volume, lab.images.postgres, join(dir, 'again.tar'));
    expect(again.digest).toBe(archive.digest);
    expect((await engine.client.getVolume(volume).inspect()).Labels).toEqual(labels);

    db = await database();
    expect(await sql(db, 'SELECT body FROM notes ORDER BY id')).toBe('kept');
    await stopAndRemove(db);
  });

  it('refuses a damaged archive and leaves the volume untouched', async () => {
    const good = await archiveVolume(engine, volume, lab.images.postgres, join(dir, 'good.tar'));
    const damaged = join(dir, 'damaged.tar');
    const bytes = readFileSync(good.file);
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    await expect(
      restoreVolume(engine, volume, lab.images.postgres, { file: damaged, digest: good.digest }),
    ).rejects.toThrow(/damaged.*left as it is/);
    const after = await archiveVolume(engine, volume, lab.images.postgres, join(dir, 'after.tar'));
    expect(after.digest).toBe(good.digest);
    const helpers = await engine.client.listContainers({
      all: true,
      filters: { label: ['dev.parity.helper'] },
    });
    expect(helpers).toEqual([]);
  });
});

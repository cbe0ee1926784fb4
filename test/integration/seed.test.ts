import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execCapture } from '../../electron/core/engine/container-exec';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { waitForHealthy } from '../../electron/core/engine/health-wait';
import { loadContract } from '../../electron/core/contract/load-contract';
import { runSeed, type SeedSpec } from '../../electron/core/seed/run-seed';
import { schemaDigest } from '../../electron/core/seed/schema-digest';
import { loadLab } from '../lab/lab-config';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
let engine: DockerEngine;
let seed: SeedSpec;
const created: string[] = [];

beforeAll(async () => {
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
  seed = (await loadContract(join(lab.workspace, 'parity.yml'))).contract.seed;
  await ensureImage(engine, lab.images.postgres);
});
afterAll(async () => {
  for (const id of created) await engine.client.getContainer(id).remove({ force: true, v: true });
});

/** A fresh, empty PostgreSQL from the lab image, with the workspace's seed folder mounted like compose does. */
async function freshDatabase(label: string): Promise<string> {
  const container = await engine.client.createContainer({
    Image: lab.images.postgres,
    name: `parity-it-seed-${label}-${process.pid}`,
    Env: ['POSTGRES_DB=app_db'],
    HostConfig: { Binds: [`${join(lab.workspace, 'seed')}:/seed:ro`] },
  });
  created.push(container.id);
  await container.start();
  await waitForHealthy(engine, container.id, { timeoutMs: 60_000 });
  return container.id;
}

const quiet = { write: (): void => {} };

describe('parity seed against real PostgreSQL', () => {
  let first: string;
  let second: string;
  let other: string;

  beforeAll(async () => {
    [first, second, other] = await Promise.all([freshDatabase('a'), freshDatabase('b'), freshDatabase('c')]);
  });

  it('gives the same checksum seeding twice into fresh databases, and streams the seed output', async () => {
    const output: Buffer[] = [];
    const a = await runSeed(engine, first, seed, { write: (chunk) => output.push(chunk) });
    const b = await runSeed(engine, second, seed, quiet);
    expect(a.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.checksum).toBe(a.checksum);
    expect(a.dumpBytes).toBeGreaterThan(1000);
    expect(a.schema).toMatch(/^sha256:/);
    expect(b.schema).toBe(a.schema);
    const rows = await execCapture(engine, first, {
      cmd: ['psql', '-U', 'postgres', '-d', 'app_db', '-tAc', 'SELECT count(*) FROM customers'],
    });
    expect(rows.stdout.trim()).toBe('100');
    expect(Buffer.concat(output).toString()).not.toContain('ERROR');
  });

  it('gives another checksum for another SEED_RANDOM, and the same schema hash', async () => {
    const base = await runSeed(engine, first, seed, quiet);
    const changed = await runSeed(engine, other, { ...seed, env: { ...seed.env, SEED_RANDOM: '43' } }, quiet);
    expect(changed.checksum).not.toBe(base.checksum);
    expect(changed.schema).toBe(base.schema);
  });

  it('compares with the contract’s checksum', async () => {
    const base = await runSeed(engine, first, seed, quiet);
    const pinned = await runSeed(engine, second, { ...seed, checksum: base.checksum }, quiet);
    expect(pinned).toMatchObject({ expected: base.checksum, matches: true });
    const wrong = `sha256:${'0'.repeat(64)}`;
    expect(await runSeed(engine, second, { ...seed, checksum: wrong }, quiet)).toMatchObject({
      expected: wrong,
      matches: false,
      checksum: base.checksum,
    });
  });

  it('sees a schema change through the normalised schema dump', async () => {
    const before = await runSeed(engine, other, seed, quiet);
    expect(await schemaDigest(engine, other, seed.dump)).toBe(before.schema);
    await execCapture(engine, other, {
      cmd: [
        'psql',
        '-U',
        'postgres',
        '-d',
        'app_db',
        '-c',
        'CREATE INDEX customers_name ON customers (name)',
      ],
    });
    expect(await schemaDigest(engine, other, seed.dump)).not.toBe(before.schema);
  });

  it('fails with the exit code and the hint when the seed command fails', async () => {
    await expect(
      runSeed(engine, first, { ...seed, command: ['sh', '-c', 'echo broken >&2; exit 9'] }, quiet),
    ).rejects.toThrow(/failed in .* with exit code 9/);
  });
});

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotSchema } from '../../shared/snapshot-schema';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { loadContract } from '../../electron/core/contract/load-contract';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { localSnapshot } from '../../electron/core/snapshot/local-snapshot';
import { containerPortFor } from '../../electron/core/snapshot/port-mapping';
import { saltedHash } from '../../electron/core/snapshot/salted-hash';
import { snapshotSpec, type SnapshotSpec } from '../../electron/core/snapshot/snapshot-spec';
import { stagingSnapshot } from '../../electron/core/snapshot/staging-snapshot';
import { SshSession } from '../../electron/core/staging/ssh-session';
import { loadLab } from '../lab/lab-config';

const lab = loadLab();
let session: SshSession;
let spec: SnapshotSpec;

beforeAll(async () => {
  const { contract } = await loadContract(join(lab.workspace, 'parity.yml'));
  const { model } = await loadCompose({ file: join(lab.workspace, contract.compose), env: {} });
  spec = snapshotSpec(contract, 'parity-lab', randomBytes(32).toString('hex'), containerPortFor(model));
  session = await SshSession.open(lab.staging.ssh);
});
afterAll(() => session?.close());

describe('staging’s snapshot over SSH', () => {
  it('collects every service’s evidence in one remote command', async () => {
    const snapshot = snapshotSchema.parse(await stagingSnapshot(session, spec));
    expect(snapshot.side).toBe('staging');
    expect(Object.keys(snapshot.services).sort()).toEqual(['app', 'db']);
    const db = snapshot.services['db'];
    expect(db).toMatchObject({ container: 'parity-lab-db-1', state: 'running', health: 'healthy' });
    expect(db?.image.repoDigests).toContain(lab.images.postgres);
    expect(db?.image.platform).toBe('linux/amd64');
    expect(db?.runtimes['postgres']).toMatch(/^15\.\d+/);
    expect(db?.lastProbes.length).toBeGreaterThan(0);
    expect(snapshot.services['app']?.image.repoDigests).toContain(lab.images.app['1.0.0']);
    expect(snapshot.health['app']).toEqual({ payload: { status: 'ok', version: '1.0.0' } });
    expect(snapshot.data.schema).toMatch(/^sha256:/);
    expect(snapshot.data.seed).toMatch(/^sha256:/);
    expect(snapshot.engine?.apiVersion).toBe('1.41');
  });

  it('hashes environment values on staging with the salt: keys and hashes only, never a value', async () => {
    const snapshot = await stagingSnapshot(session, spec);
    const env = snapshot.services['db']?.env ?? {};
    expect(env['POSTGRES_DB']).toBe(saltedHash(spec.salt, 'app_db'));
    expect(JSON.stringify(snapshot)).not.toContain('app_db');
    const other = await stagingSnapshot(session, { ...spec, salt: 'another salt' });
    expect(other.services['db']?.env['POSTGRES_DB']).not.toBe(env['POSTGRES_DB']);
  });

  it('gives the same evidence as the Engine API does for the same containers', async () => {
    // Read staging's engine directly, as the local side reads its own: both collectors must agree.
    const direct = await localSnapshot(
      await DockerEngine.connect(socketPathOf(lab.staging.engine.socket)),
      spec,
    );
    const remote = await stagingSnapshot(session, spec);
    // Health probes run every second, so the two reads see different recent probes; all else must match.
    const withoutProbes = (services: typeof remote.services): unknown =>
      Object.fromEntries(
        Object.entries(services).map(([name, s]) => [name, { ...s, lastProbes: s.lastProbes.length > 0 }]),
      );
    expect(withoutProbes(remote.services)).toEqual(withoutProbes(direct.services));
    expect(remote.data).toEqual(direct.data);
  });

  it('quotes a hostile project name: nothing runs, nothing is found', async () => {
    const marker = `/tmp/parity-owned-${process.pid}`;
    const snapshot = await stagingSnapshot(session, { ...spec, project: `x';touch ${marker};'` });
    expect(snapshot.services).toEqual({});
    const check = await session.exec(['test', '-e', marker]);
    expect(check.exitCode).toBe(1);
  });
});

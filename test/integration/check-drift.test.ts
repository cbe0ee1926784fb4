import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema, type DriftReport } from '../../shared/drift-report-schema';
import type { ParityContract } from '../../shared/parity-schema';
import type { Snapshot } from '../../shared/snapshot-schema';
import { loadCompose } from '../../electron/core/compose/load-compose';
import { loadContract } from '../../electron/core/contract/load-contract';
import { compareSnapshots } from '../../electron/core/drift/compare';
import { resolveThreshold } from '../../electron/core/drift/score';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { runSeed } from '../../electron/core/seed/run-seed';
import { localSnapshot } from '../../electron/core/snapshot/local-snapshot';
import { containerPortFor } from '../../electron/core/snapshot/port-mapping';
import { snapshotSpec, type SnapshotSpec } from '../../electron/core/snapshot/snapshot-spec';
import { stagingSnapshot } from '../../electron/core/snapshot/staging-snapshot';
import { SshSession } from '../../electron/core/staging/ssh-session';
import { loadLab } from '../lab/lab-config';
import { DriftProject } from '../fixtures/snapshots/drift-project';
import { ensureImage } from '../support/ensure-image';

const lab = loadLab();
const project = `parity-drift-${process.pid}`;
let contract: ParityContract;
let ports: ReturnType<typeof containerPortFor>;
let session: SshSession;
let stagingEngine: DockerEngine;
let drift: DriftProject;
let scratch: string;
const salt = randomBytes(32).toString('hex');

beforeAll(async () => {
  ({ contract } = await loadContract(join(lab.workspace, 'parity.yml')));
  const { model } = await loadCompose({ file: join(lab.workspace, contract.compose), env: {} });
  ports = containerPortFor(model);
  session = await SshSession.open(lab.staging.ssh);
  stagingEngine = await DockerEngine.connect(socketPathOf(lab.staging.engine.socket));
  for (const image of [lab.images.postgres, lab.images.app['1.0.0'], lab.images.app['2.0.0']])
    await ensureImage(stagingEngine, image);
  scratch = mkdtempSync(join(tmpdir(), 'parity-drift-'));
  drift = new DriftProject(stagingEngine, lab, project);
  await drift.create();
  await seed('42');
});

afterAll(async () => {
  await drift?.remove();
  session?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function specFor(name: string): SnapshotSpec {
  return snapshotSpec(contract, name, salt, ports);
}

/**
 * "Local" is read through the staging engine's own socket (this machine reaches the staging bridge), with
 * the health URL pointed at the container: the same stack seen by both collectors.
 */
async function localSide(name: string, healthUrl: string): Promise<Snapshot> {
  const spec = specFor(name);
  return localSnapshot(stagingEngine, {
    ...spec,
    health: spec.health.map((probe) => ({ ...probe, url: healthUrl })),
  });
}

function compare(local: Snapshot, staging: Snapshot): DriftReport {
  return driftReportSchema.parse(
    compareSnapshots(
      { contract, local, staging, host: [] },
      {
        workspace: lab.workspace,
        time: new Date().toISOString(),
        threshold: resolveThreshold(undefined, contract.threshold),
        stagingTarget: `${lab.staging.ssh.user}@${lab.staging.ssh.host}:${lab.staging.ssh.port}`,
      },
    ),
  );
}

async function seed(random: string): Promise<void> {
  await runSeed(
    stagingEngine,
    drift.dbContainer,
    { ...contract.seed, env: { SEED_RANDOM: random } },
    { write: () => {} },
  );
}

function findingsOf(report: DriftReport, kind: string, service: string): DriftReport['findings'] {
  return report.findings.filter((f) => f.kind === kind && f.service === service);
}

describe('the unchanged lab', () => {
  it('gives a passing report with no error finding: the shared parity-lab stack against itself over SSH', async () => {
    const app = await stagingEngine.client.getContainer('parity-lab-app-1').inspect();
    const ip = Object.values(app.NetworkSettings.Networks)[0]?.IPAddress ?? '';
    const local = await localSide('parity-lab', `http://${ip}:8080/health`);
    const report = compare(local, await stagingSnapshot(session, specFor('parity-lab')));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.score).toBeGreaterThanOrEqual(contract.threshold);
    expect(report.checks.length).toBeGreaterThan(20);
  });
});

describe('drift planted on staging', () => {
  let baseline: Snapshot;

  beforeAll(async () => {
    baseline = await localSide(project, await drift.appHealthUrl());
    expect(baseline.health['app']).toEqual({ payload: { status: 'ok', version: '1.0.0' } });
  });

  async function againstStaging(): Promise<DriftReport> {
    return compare(baseline, await stagingSnapshot(session, specFor(project)));
  }

  it('finds nothing while both sides are the same', async () => {
    const report = await againstStaging();
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('app 2.0.0 on staging: a different digest and a different health payload', async () => {
    await drift.recreateApp({ image: lab.images.app['2.0.0'] });
    const report = await againstStaging();
    const [image] = findingsOf(report, 'image.staging-differs', 'app');
    expect(image?.severity).toBe('error');
    expect(image?.message).toContain(
      lab.images.app['2.0.0'].slice(0, lab.images.app['2.0.0'].indexOf('@') + 20),
    );
    const [health] = findingsOf(report, 'health.payload-differs', 'app');
    expect(health?.message).toContain('$.version: staging 2.0.0, local 1.0.0');
    expect(report.passed).toBe(false);
  });

  it('an extra env key on staging', async () => {
    await drift.recreateApp({ env: { FEATURE_CHECKOUT_V2: 'on' } });
    const report = await againstStaging();
    const [keys] = findingsOf(report, 'config.env-keys-differ', 'app');
    expect(keys?.message).toBe(
      "app's environment keys differ: staging sets FEATURE_CHECKOUT_V2, local does not.",
    );
    expect(keys?.evidence).toEqual({ local: [], staging: ['FEATURE_CHECKOUT_V2'] });
  });

  it('a changed env value on staging, compared without either value leaving its side', async () => {
    await drift.recreateApp({ env: { REDIS_URL: 'redis://cache.internal:6379/1' } });
    const report = await againstStaging();
    const [values] = findingsOf(report, 'config.env-value-differs', 'app');
    expect(values?.message).toMatch(/a different value for REDIS_URL/);
    expect(JSON.stringify(report)).not.toContain('cache.internal');
    expect(JSON.stringify(report)).not.toContain('redis://');
  });

  it('an unhealthy service on staging', async () => {
    await drift.recreateApp({
      healthcheck: { Test: ['CMD', '/bin/busybox', 'false'], Interval: 500_000_000, Retries: 1 },
    });
    const report = await againstStaging();
    const [unhealthy] = findingsOf(report, 'service.unhealthy', 'app');
    expect(unhealthy).toMatchObject({ id: 'service.unhealthy:app:staging', severity: 'error' });
    expect(unhealthy?.message).toMatch(/^staging app is unhealthy: its last healthcheck exited 1/);
  });

  it('a different runtime version on staging', async () => {
    const node = join(scratch, 'node');
    writeFileSync(node, '#!/bin/sh\necho v20.11.1\n');
    chmodSync(node, 0o755);
    await drift.recreateApp({ binds: [`${node}:/bin/node:ro`] });
    const report = await againstStaging();
    const [runtime] = findingsOf(report, 'runtime.version-differs', 'app');
    expect(runtime?.message).toBe("staging's app runs node 20.11.1, local's has no node.");
    await drift.recreateApp({});
  });

  it('a migration applied only on staging', async () => {
    await drift.psql('CREATE TABLE invoices (id integer PRIMARY KEY, total_cents integer NOT NULL)');
    try {
      const report = await againstStaging();
      const [schema] = findingsOf(report, 'data.schema-differs', 'db');
      expect(schema?.severity).toBe('error');
      expect(findingsOf(report, 'data.seed-mismatch', 'db')).toEqual([]);
    } finally {
      await drift.psql('DROP TABLE invoices');
    }
  });

  it('a reseed with another SEED_RANDOM on staging', async () => {
    await seed('7');
    try {
      const report = await againstStaging();
      const [data] = findingsOf(report, 'data.seed-mismatch', 'db');
      expect(data).toMatchObject({ id: 'data.seed-mismatch:db:staging', severity: 'warning' });
      expect(data?.evidence.local).toBe(baseline.data.seed);
      expect(findingsOf(report, 'data.schema-differs', 'db')).toEqual([]);
    } finally {
      await seed('42');
    }
  });

  it('is back to no findings once every drift is undone', async () => {
    const report = await againstStaging();
    expect(report.findings).toEqual([]);
  });
});

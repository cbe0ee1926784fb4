import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema, type DriftReport } from '../../shared/drift-report-schema';
import { configHash } from '../../electron/core/compose/config-hash';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { createContainer, retireContainer } from '../../electron/core/stack/container-lifecycle';
import { containerPlan } from '../../electron/core/stack/container-spec';
import { downStack } from '../../electron/core/stack/stack-down';
import { openWorkspaceContext } from '../../electron/core/workspace/workspace-context';
import { webWorkspace, type WebWorkspace } from '../fixtures/stacks/web-workspace';
import { loadLab } from '../lab/lab-config';
import { deleteManifest, getManifest, pushBlob, putManifest } from '../lab/synthetic-image';

/**
 * `parity fix` for the two automated actions fix-cli.test.ts does not cover: pulling the pinned digest
 * (image.digest-mismatch) and recreating with this engine's platform (image.platform-emulated). Each plants
 * the drift on the lab engine in a one-service workspace of its own, checks that `parity check` finds it,
 * runs `parity fix ID`, and checks the engine and a fresh check agree it is gone.
 */
const lab = loadLab();
const APP_1 = lab.images.app['1.0.0'];
const APP_2 = lab.images.app['2.0.0'];
const workspaces: WebWorkspace[] = [];
/** Image references and ids this file made on the lab engine, removed in afterAll. */
const planted: string[] = [];
/** Manifests this file pushed to the lab registry (never the app's own), deleted in afterAll. */
const pushed: { repository: string; digest: string }[] = [];
let scratch: string;
let engine: DockerEngine;

function parity(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/parity.js', ...args], {
    env: { ...process.env, DOCKER_HOST: lab.engine.socket, PARITY_DATA_DIR: join(scratch, 'data') },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function check(dir: string): DriftReport {
  const file = join(scratch, `drift-${Date.now()}.json`);
  const run = parity(['check', '--workspace', dir, '--report', file]);
  expect(run.stderr).toBe('');
  return driftReportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * The app image's own healthcheck gives a probe 2 s and three tries; at the load these tests share the
 * machine with, a healthy web can miss that, and the fix would be judged on the load, not on the image.
 */
const PATIENT_HEALTHCHECK = [
  '    healthcheck:',
  "      test: ['CMD', '/bin/busybox', 'wget', '-q', '-O', '-', 'http://127.0.0.1:8080/health']",
  '      interval: 1s',
  '      timeout: 30s',
  '      retries: 10',
  '',
].join('\n');

function workspace(scenario: string, image: string): WebWorkspace {
  const created = webWorkspace(lab, `parity-fixact-${process.pid}-${scenario}`, image, PATIENT_HEALTHCHECK);
  workspaces.push(created);
  const up = parity(['up', '--workspace', created.dir, '--quiet']);
  expect(up.stderr).toBe('');
  expect(up.status).toBe(0);
  return created;
}

/** What the engine says web's container runs: its image id and that image's platform. */
async function webImage(project: string): Promise<{ id: string; platform: string }> {
  const [container] = await engine.client.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=web'] },
  });
  const image = await engine.client.getImage(container?.ImageID ?? '').inspect();
  return { id: image.Id, platform: `${image.Os}/${image.Architecture}` };
}

const imageIdOf = async (reference: string): Promise<string> =>
  (await engine.client.getImage(reference).inspect()).Id;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-fix-actions-'));
  engine = await DockerEngine.connect(socketPathOf(lab.engine.socket));
});

afterAll(async () => {
  for (const { project, dir } of workspaces) {
    await downStack(engine, project, { volumes: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const image of planted)
    await engine.client
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  for (const { repository, digest } of pushed)
    await deleteManifest(lab.registry, repository, digest).catch(() => undefined);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('parity fix: pull the pinned digest', () => {
  it('replaces a web container run from another build with the digest parity.yml pins', async () => {
    const { dir, project } = workspace('digest', APP_1);
    // Someone ran web from the 2.0.0 build under the same service (an override file, a manual docker run):
    // the same labels and configuration, only the image differs.
    const { compose: model } = await openWorkspaceContext(dir);
    const web = model.services['web'];
    if (web === undefined) throw new Error('the workspace has no web service');
    const [running] = await engine.client.listContainers({
      filters: { label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=web'] },
    });
    await retireContainer(engine, running?.Id ?? '');
    const plan = containerPlan(
      model,
      { name: project, workingDir: dir, configFiles: [join(dir, 'docker-compose.yml')] },
      web,
      configHash(web),
    );
    const planted = await createContainer(engine, { ...plan, create: { ...plan.create, Image: APP_2 } });
    await engine.client.getContainer(planted).start();
    expect((await webImage(project)).id).toBe(await imageIdOf(APP_2));

    const finding = check(dir).findings.find((f) => f.kind === 'image.digest-mismatch');
    expect(finding).toMatchObject({ service: 'web', severity: 'error', remediation: { action: 'pull' } });

    const fix = parity(['fix', finding?.id ?? '', '--workspace', dir]);
    expect(fix.stderr).toBe('');
    expect(fix.stdout).toContain(`parity fix: ${finding?.id}`);
    expect(fix.stdout).toContain(`pulled web: ${APP_1}`);
    expect(fix.stdout).toContain('web      creating (its configuration changed: recreating)');
    expect(fix.stdout).toMatch(/✓ pulled 1 pinned image\(s\); stack recreated and ready/);
    expect(fix.stdout).toContain('after:  ✓ fixed');
    expect(fix.status).toBe(0);
    expect((await webImage(project)).id).toBe(await imageIdOf(APP_1));
    expect(check(dir).findings.filter((f) => f.kind.startsWith('image.'))).toEqual([]);
  }, 600_000);
});

describe('parity fix: recreate with the right platform', () => {
  /**
   * An index of the app image for linux/amd64 and linux/arm64. The arm64 entry is the amd64 build's own
   * layers under a config that says arm64: the engine trusts the config (that is how it reports an image's
   * platform), so the container runs on this amd64 machine without QEMU while every check sees an arm64
   * image — exactly what an emulated container looks like to Parity on an Apple Silicon laptop.
   */
  async function pushTwoPlatformIndex(): Promise<string> {
    const [name, digest] = APP_1.split('@');
    const repository = (name ?? '').slice(lab.registry.length + 1);
    const amd64 = await getManifest(lab.registry, repository, digest ?? '');
    const manifest = JSON.parse(amd64.bytes.toString('utf8')) as {
      config: { digest: string; size: number; mediaType: string };
    };
    const configBytes = Buffer.from(
      await (
        await fetch(`http://${lab.registry}/v2/${repository}/blobs/${manifest.config.digest}`)
      ).arrayBuffer(),
    );
    const config = JSON.parse(configBytes.toString('utf8')) as {
      config: { Labels?: Record<string, string> };
    };
    // A label of this run's own makes the index new to the engine, whatever earlier runs left there.
    const arm64Config = Buffer.from(
      JSON.stringify({
        ...config,
        architecture: 'arm64',
        config: {
          ...config.config,
          Labels: { ...config.config.Labels, 'org.parity.test': `${process.pid}-${Date.now()}` },
        },
      }),
    );
    const configDigest = await pushBlob(lab.registry, repository, arm64Config);
    const arm64Bytes = Buffer.from(
      JSON.stringify({
        ...manifest,
        config: { ...manifest.config, digest: configDigest, size: arm64Config.length },
      }),
    );
    const arm64 = await putManifest(lab.registry, repository, `fix-actions-arm64-${process.pid}`, {
      bytes: arm64Bytes,
      mediaType: amd64.mediaType,
    });
    const entry = (digestOf: string, size: number, architecture: string) => ({
      mediaType: amd64.mediaType,
      digest: digestOf,
      size,
      platform: { os: 'linux', architecture },
    });
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: [
          entry(amd64.digest, amd64.bytes.length, 'amd64'),
          entry(arm64, arm64Bytes.length, 'arm64'),
        ],
      }),
    );
    const indexDigest = await putManifest(lab.registry, repository, `fix-actions-index-${process.pid}`, {
      bytes: index,
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    });
    pushed.push({ repository, digest: indexDigest }, { repository, digest: arm64 });
    return `${name ?? ''}@${indexDigest}`;
  }

  it('pulls the pin for this engine’s platform and recreates web from it', async () => {
    const pinned = await pushTwoPlatformIndex();
    planted.push(pinned);
    // The pin pulled for another CPU (`docker pull --platform linux/arm64`, as an old script or a copied
    // data folder leaves it), then `parity up`: web runs the arm64 image.
    const pull = (await engine.client.pull(pinned, { platform: 'linux/arm64' })) as Readable;
    await new Promise<void>((resolve, reject) =>
      engine.client.modem.followProgress(pull, (error: Error | null) => (error ? reject(error) : resolve())),
    );
    const { dir, project } = workspace('platform', pinned);
    const emulated = await webImage(project);
    expect(emulated.platform).toBe('linux/arm64');
    planted.push(emulated.id);

    const finding = check(dir).findings.find((f) => f.kind === 'image.platform-emulated');
    expect(finding).toMatchObject({ service: 'web', remediation: { action: 'recreate' } });
    expect(finding?.remediation.command).toBe(
      `docker pull --platform linux/amd64 ${pinned} && npx parity up`,
    );

    const fix = parity(['fix', finding?.id ?? '', '--workspace', dir]);
    expect(fix.stderr).toBe('');
    expect(fix.stdout).toContain(`${pinned} no longer names the linux/arm64 image`);
    expect(fix.stdout).toContain('web      creating (its configuration changed: recreating)');
    expect(fix.stdout).toMatch(
      /✓ released web's pin from its linux\/arm64 image; pulled 1 pinned image\(s\); stack recreated and ready/,
    );
    expect(fix.stdout).toContain('after:  ✓ fixed');
    expect(fix.status).toBe(0);
    expect((await webImage(project)).platform).toBe('linux/amd64');
    expect(check(dir).findings.filter((f) => f.kind === 'image.platform-emulated')).toEqual([]);
  }, 600_000);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { APP_REPOSITORY, ensureAppImages } from './app-image.js';
import { AUTH_REGISTRY, AUTH_USER, TOKEN_REALM, ensureAuthRegistry } from './auth-registry.js';
import { copyToAuthRegistry } from './auth-registry-image.js';
import { ensurePackages } from './apt.js';
import { ensureLocalEngine } from './engine.js';
import type { LabConfig } from './lab-config.js';
import { labPaths } from './paths.js';
import { ensurePostgresImage } from './postgres-image.js';
import { isRoot } from './proc.js';
import { step } from './progress.js';
import { ensureSystemPath } from './system-path.js';
import { ensureRegistry } from './registry.js';
import { REGISTRY } from './registry-client.js';
import { SshSession } from '../../electron/core/staging/ssh-session.js';
import { BASTION_PORT, BASTION_ROLE, SSH_HOST, SSH_PORT, ensureSshd, stagingRole } from './sshd.js';
import { STAGING_BRIDGE, ensureStagingEngine } from './staging-engine.js';
import { STAGING_PROJECT, deployStagingStack, writeStagingProject } from './staging-stack.js';
import { writeWorkspace } from './workspace.js';

const reusedOrStarted = (state: { reused: boolean; pid: number | null }): string =>
  state.reused ? `reused pid ${state.pid}` : `started pid ${state.pid}`;

async function main(): Promise<void> {
  const started = performance.now();
  ensureSystemPath();
  const paths = labPaths();
  console.log(`lab: up in ${paths.labDir}${paths.runDir === null ? '' : ` (sockets in ${paths.runDir})`}`);

  await step('packages', ensurePackages, (note) => note);
  // After the package check, so a non-root user on a bare machine first learns what to install.
  if (!isRoot()) {
    throw new Error(
      'the lab starts dockerd and sshd and creates a bridge, so it needs root: run it as root (e.g. sudo npm run lab:up)',
    );
  }
  mkdirSync(paths.labDir, { recursive: true, mode: 0o755 });
  // The socket directory must be traversable by the deploy user, who reaches the staging socket through it.
  if (paths.runDir !== null) mkdirSync(paths.runDir, { recursive: true, mode: 0o755 });

  const [engine, registry, staging, authRegistry] = await Promise.all([
    step(
      'engine',
      () => ensureLocalEngine(paths),
      (e) => `${e.url} (API ${e.apiVersion}, ${e.managed ? reusedOrStarted(e) : 'not managed by the lab'})`,
    ),
    step(
      'registry',
      () => ensureRegistry(paths.registry),
      (r) => `${REGISTRY} (${r.managed ? `pid ${r.pid}` : 'reused, not managed by the lab'})`,
    ),
    step(
      'staging engine',
      () => ensureStagingEngine(paths.staging.engine),
      (e) => `${e.url} on ${STAGING_BRIDGE} (${reusedOrStarted(e)})`,
    ),
    step(
      'auth registry',
      () => ensureAuthRegistry(paths.labDir),
      (a) =>
        `${AUTH_REGISTRY} + token server ${TOKEN_REALM} (${a.reused ? 'reused' : 'started'} pids ${a.registryPid}, ${a.tokenServerPid})`,
    ),
  ]);
  const sshd = await step(
    'staging sshd',
    () => ensureSshd(paths.staging.ssh, stagingRole(paths.staging.engine.socket)),
    (s) => `${SSH_HOST}:${SSH_PORT} ${s.hostKey} (${reusedOrStarted(s)})`,
  );
  const bastion = await step(
    'bastion sshd',
    () => ensureSshd(paths.bastion, BASTION_ROLE),
    (s) => `${SSH_HOST}:${BASTION_PORT} ${s.hostKey} (${reusedOrStarted(s)})`,
  );

  const [apps, postgres] = await Promise.all([
    step(
      'app images',
      () => ensureAppImages(engine, paths.cache),
      (a) =>
        Object.values(a)
          .map((image) => `${image.tagged}${image.built ? ' built' : ' cached'}`)
          .join(', '),
    ),
    step(
      'postgres image',
      () => ensurePostgresImage(engine, paths.cache),
      (p) => `${p.tagged}${p.built ? ' built' : ' cached'}`,
    ),
  ]);

  const authImage = await step(
    'auth registry image',
    () => copyToAuthRegistry(APP_REPOSITORY, '1.0.0', authRegistry.password),
    (image) => `${image.pinned}${image.copied ? ' copied' : ' present'}`,
  );

  await step(
    'workspace',
    async () =>
      writeWorkspace(paths.workspace, {
        APP_IMAGE: apps['1.0.0'].pinned,
        DB_IMAGE: postgres.pinned,
        HOST_KEY: sshd.hostKey,
        SSH_PORT: String(SSH_PORT),
      }),
    (written) => `${paths.workspace} (${written} file(s) written)`,
  );

  const containers = await step(
    'staging stack',
    async () => {
      writeStagingProject(paths.staging.project, paths.workspace);
      return deployStagingStack(staging.docker, paths.staging.project, paths.staging.engine.log);
    },
    (c) => Object.values(c).join(', '),
  );

  const ssh = {
    host: SSH_HOST,
    port: SSH_PORT,
    user: sshd.user,
    identityFile: paths.staging.ssh.clientKey,
    hostKey: sshd.hostKey,
  };
  await step(
    'staging over ssh',
    async () => {
      // The same SSH path Parity itself uses: key auth, the host key checked against the pin.
      const session = await SshSession.open(ssh);
      const listing = await session
        .exec(['docker', 'ps', '--format', '{{.Names}}'])
        .finally(() => session.close());
      if (listing.exitCode !== 0) throw new Error(`ssh docker ps failed: ${listing.stderr.trim()}`);
      const names = listing.stdout.split('\n').filter(Boolean);
      for (const name of Object.values(containers)) {
        if (!names.includes(name))
          throw new Error(
            `ssh ${sshd.user}@${SSH_HOST}:${SSH_PORT} docker ps does not show ${name} (saw: ${names.join(', ')})`,
          );
      }
      return names.length;
    },
    (count) => `${count} container(s) visible as ${sshd.user}`,
  );

  const config: LabConfig = {
    engine: {
      socket: engine.url,
      apiVersion: engine.apiVersion,
      managed: engine.managed,
      pid: engine.pid,
      log: paths.engine.log,
    },
    registry: REGISTRY,
    staging: {
      engine: {
        socket: staging.url,
        apiVersion: staging.apiVersion,
        managed: true,
        pid: staging.pid,
        log: paths.staging.engine.log,
        bridge: STAGING_BRIDGE,
      },
      ssh: {
        ...ssh,
        knownHostsFile: paths.staging.ssh.knownHosts,
        pid: sshd.pid,
        log: paths.staging.ssh.log,
      },
      project: STAGING_PROJECT,
      workingDir: paths.staging.project,
      containers,
    },
    workspace: paths.workspace,
    images: {
      app: { '1.0.0': apps['1.0.0'].pinned, '2.0.0': apps['2.0.0'].pinned },
      postgres: postgres.pinned,
    },
    labDir: paths.labDir,
    registryInfo: {
      url: `http://${REGISTRY}`,
      managed: registry.managed,
      pid: registry.pid,
      dataDir: paths.registry.data,
      log: paths.registry.log,
    },
    bastion: {
      host: SSH_HOST,
      port: BASTION_PORT,
      user: bastion.user,
      identityFile: paths.bastion.clientKey,
      hostKey: bastion.hostKey,
      knownHostsFile: paths.bastion.knownHosts,
      pid: bastion.pid,
      log: paths.bastion.log,
    },
    authRegistry: {
      url: `http://${AUTH_REGISTRY}`,
      host: AUTH_REGISTRY,
      tokenRealm: TOKEN_REALM,
      user: AUTH_USER,
      password: authRegistry.password,
      image: authImage.pinned,
    },
    tags: Object.fromEntries(
      [apps['1.0.0'], apps['2.0.0'], postgres].map((image) => [image.tagged, image.digest]),
    ),
  };
  writeFileSync(paths.labJson, `${JSON.stringify(config, null, 2)}\n`);
  console.log(`lab: up ✓ ${((performance.now() - started) / 1000).toFixed(1)}s — ${paths.labJson}`);
}

main().catch((error: unknown) => {
  console.error(`lab: up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

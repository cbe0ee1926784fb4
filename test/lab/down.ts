import { rmSync } from 'node:fs';
import { stopAuthRegistry } from './auth-registry.js';
import { bridgesNamed, deleteLink } from './bridge.js';
import { anyDockerdRunning, stopDockerd } from './dockerd.js';
import { removeStagingForwardRule } from './forward-rule.js';
import { askVersion, connectEngine } from './engine-client.js';
import { unmountUnder } from './mounts.js';
import { labPaths } from './paths.js';
import type { EnginePaths } from './paths.js';
import { rootfsWorkDir } from './postgres-image.js';
import { ownedPid } from './proc.js';
import { step } from './progress.js';
import { ensureSystemPath } from './system-path.js';
import { stopRegistry } from './registry.js';
import { stopSshd } from './sshd.js';
import { STAGING_BRIDGE } from './staging-engine.js';
import { removeProject } from './staging-stack.js';

/** Only an engine whose pidfile is the lab's own: a developer's engine is never touched. */
async function removeLabContainers(paths: EnginePaths): Promise<string> {
  if (ownedPid(paths.pidfile, paths.pidfile) === null) return 'no lab-started engine running';
  const address = { socketPath: paths.socket };
  if (
    !(await askVersion(address).then(
      () => true,
      () => false,
    ))
  )
    return 'engine not answering';
  const engine = await connectEngine(address);
  return `${await removeProject(engine.docker)} container(s) removed`;
}

async function main(): Promise<void> {
  const started = performance.now();
  ensureSystemPath();
  const paths = labPaths();
  const labDirs = [paths.labDir, ...(paths.runDir === null ? [] : [paths.runDir])];
  const failures: string[] = [];
  // Every step runs even when one fails: a half-torn-down lab is the worst state to leave.
  const attempt = async <T>(
    name: string,
    work: () => Promise<T>,
    note?: (result: T) => string,
  ): Promise<void> => {
    await step(name, work, note).catch((error: unknown) => {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  await attempt(
    'local lab containers',
    () => removeLabContainers(paths.engine),
    (note) => note,
  );
  await attempt(
    'staging stack',
    () => removeLabContainers(paths.staging.engine),
    (note) => note,
  );
  await attempt(
    'bastion sshd',
    () => stopSshd(paths.bastion),
    (stopped) => (stopped ? 'stopped' : 'not running'),
  );
  await attempt(
    'staging sshd',
    () => stopSshd(paths.staging.ssh),
    (stopped) => (stopped ? 'stopped' : 'not running'),
  );
  await attempt(
    'registry',
    () => stopRegistry(paths.registry),
    (stopped) => (stopped ? 'stopped' : 'not running'),
  );
  await attempt(
    'auth registry',
    () => stopAuthRegistry(paths.labDir),
    (stopped) => (stopped.length > 0 ? `stopped ${stopped.join(', ')}` : 'not running'),
  );
  await attempt(
    'engines',
    async () => Promise.all([stopDockerd(paths.engine), stopDockerd(paths.staging.engine)]),
    ([local, staging]) =>
      `local ${local ? 'stopped' : 'not running'}, staging ${staging ? 'stopped' : 'not running'}`,
  );
  await attempt(
    'mounts',
    () => unmountUnder(labDirs),
    (count) => `${count} unmounted`,
  );
  await attempt(
    'network',
    async () => {
      const removed: string[] = [];
      if (await deleteLink(STAGING_BRIDGE)) removed.push(STAGING_BRIDGE);
      if ((await removeStagingForwardRule()) > 0) removed.push('staging FORWARD rule');
      // docker0 and br-* belong to whichever dockerd runs; with none left they are only debris.
      if (!anyDockerdRunning()) {
        for (const name of ['docker0', ...(await bridgesNamed(/^br-[0-9a-f]{12}$/))])
          if (await deleteLink(name)) removed.push(name);
      }
      return removed;
    },
    (removed) => (removed.length > 0 ? `deleted ${removed.join(', ')}` : 'none left'),
  );
  await attempt('state', async () => {
    // Kept: cache/ (rootfs tarball), registry/data, the ssh keys and the workspace.
    for (const dir of [
      rootfsWorkDir(paths.cache),
      paths.engine.dir,
      paths.staging.engine.dir,
      paths.staging.project,
      paths.labJson,
      ...(paths.runDir === null ? [] : [paths.runDir]),
    ]) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  if (failures.length > 0) {
    console.error(`lab: down finished with errors:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`lab: down ✓ ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((error: unknown) => {
  console.error(`lab: down failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

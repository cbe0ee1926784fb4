/**
 * Where `parity check --staging` spends its time, phase by phase, in one process: `npx tsx
 * test/bench/check-phases.ts WORKSPACE IDENTITY` (DOCKER_HOST and PARITY_DATA_DIR as for the CLI). Each
 * phase runs alone, one after the other, so its figure is its own and not its share of a parallel whole;
 * then the whole runCheck (phases overlapping, as the CLI runs them) for comparison. A diagnostic, not
 * part of `npm test` or of the benchmark figures.
 */
import { writtenThreshold } from '../../electron/core/drift/contract-threshold';
import { saltFileFor } from '../../electron/core/drift/salt-file';
import {
  snapshotSpecs,
  takeLocalSnapshot,
  takeStagingSnapshot,
} from '../../electron/core/drift/snapshot-sides';
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { resolveEngineSocket } from '../../electron/core/engine/engine-endpoint';
import { runDoctor } from '../../electron/core/host/doctor';
import { observeEngine } from '../../electron/core/host/engine-observation';
import { nodeHostProbe } from '../../electron/core/host/node-host-probe';
import { dumpDigest } from '../../electron/core/seed/dump-digest';
import { schemaDigest } from '../../electron/core/seed/schema-digest';
import { workspaceSalt } from '../../electron/core/snapshot/salted-hash';
import { openWorkspaceContext } from '../../electron/core/workspace/workspace-context';
import { runCheck } from '../../electron/commands/check-run';
import { openStaging } from '../../electron/commands/staging-target';

const [workspaceDir, identity] = process.argv.slice(2);
if (!workspaceDir || !identity) throw new Error('usage: check-phases WORKSPACE IDENTITY');

const phases: [string, number][] = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const began = performance.now();
  const value = await work();
  phases.push([name, performance.now() - began]);
  return value;
}

const workspace = await phase('contract + compose load', () => openWorkspaceContext(workspaceDir));
await phase('threshold', () => writtenThreshold(workspace.contractPath, workspace.contract.threshold));
const specs = snapshotSpecs(workspace, await workspaceSalt(saltFileFor(workspace.dir)));
const engine = await phase('engine connect', () => DockerEngine.connect(resolveEngineSocket({})));
const staging = await phase('ssh connect (host key verified)', () =>
  openStaging(workspace.contract, { identity, trustHost: undefined }),
);
const local = await phase('local snapshot (whole)', () => takeLocalSnapshot(engine, specs.local));
const seedService = specs.local.seed?.service;
const seedContainer = seedService ? local.services[seedService]?.container : undefined;
if (specs.local.seed && seedContainer) {
  const dump = specs.local.seed.dump;
  await phase('  of which: schema dump', () => schemaDigest(engine, seedContainer, dump));
  const { bytes } = await phase('  of which: seed dump hash', () => dumpDigest(engine, seedContainer, dump));
  process.stderr.write(`seed dump: ${bytes} bytes\n`);
}
await phase('staging snapshot (one remote command)', () =>
  takeStagingSnapshot(staging.session, specs.staging),
);
staging.session.close();
await phase('host facts (doctor)', async () => {
  const probe = nodeHostProbe();
  return runDoctor({ probe, engine: await observeEngine(probe), workspaceDir: workspace.dir, images: [] });
});
await phase('runCheck (all, overlapping)', () =>
  runCheck({ workspace: workspaceDir, staging: true, threshold: undefined, identity, trustHost: undefined }),
);

for (const [name, ms] of phases) process.stdout.write(`${(ms / 1000).toFixed(3).padStart(8)} s  ${name}\n`);
process.exit(0);

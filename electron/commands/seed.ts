import { EXIT } from '../cli-exit-codes';
import { DockerEngine } from '../core/engine/docker-engine';
import { resolveEngineSocket } from '../core/engine/engine-endpoint';
import { runningServiceContainer } from '../core/engine/service-container';
import { runSeed } from '../core/seed/run-seed';
import type { CommonOptions } from './cli-options';
import { openWorkspaceContext } from '../core/workspace/workspace-context';

/**
 * `parity seed`: seeds the running stack's database with the contract's seed, streams its output, and
 * proves the result with the dump's checksum. Exit 1 when it differs from the checksum in parity.yml.
 */
export async function seedCommand(options: CommonOptions): Promise<number> {
  const workspace = await openWorkspaceContext(options.workspace);
  const engine = await DockerEngine.connect(resolveEngineSocket({}));
  const { seed } = workspace.contract;
  const container = await runningServiceContainer(engine, workspace.project, seed.service);
  // Seed output goes to stderr with --json, so stdout stays one JSON object.
  const log = options.json || options.quiet ? process.stderr : process.stdout;
  const outcome = await runSeed(engine, container, seed, {
    write: (chunk) => {
      if (!options.quiet) log.write(chunk);
    },
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ service: seed.service, ...outcome })}\n`);
  } else {
    process.stdout.write(`seed: ${outcome.checksum} (${outcome.dumpBytes} bytes dumped)\n`);
    if (outcome.schema) process.stdout.write(`schema: ${outcome.schema}\n`);
    if (outcome.matches === true) process.stdout.write('seed: matches the checksum in parity.yml\n');
    if (outcome.matches === null) {
      process.stdout.write(
        `seed: parity.yml records no checksum yet; pin this one:\n  seed:\n    checksum: ${outcome.checksum}\n`,
      );
    }
  }
  if (outcome.matches === false) {
    process.stderr.write(
      `✖ data.seed-mismatch  the seeded data's checksum is ${outcome.checksum}, parity.yml expects ${outcome.expected ?? ''}.\n` +
        '    fix: the seed script or its SEED_RANDOM changed, or the database was not empty: reset it (npx parity down --volumes && npx parity up) and seed again.\n',
    );
    return EXIT.checkFailed;
  }
  return EXIT.ok;
}

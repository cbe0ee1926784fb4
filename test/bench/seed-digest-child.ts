/**
 * One run of the dump hash that `parity seed` uses (electron/core/seed/dump-digest.ts), as its own process
 * so the benchmark can read its peak memory: `node --import tsx seed-digest-child.ts SOCKET CONTAINER
 * DUMP_JSON` prints {digest, bytes, ms} as JSON.
 */
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { dumpDigest } from '../../electron/core/seed/dump-digest';

const [socket, container, dumpJson] = process.argv.slice(2);
if (!socket || !container || !dumpJson)
  throw new Error('usage: seed-digest-child SOCKET CONTAINER DUMP_JSON');
const engine = await DockerEngine.connect(socketPathOf(socket));
const began = performance.now();
const result = await dumpDigest(engine, container, JSON.parse(dumpJson) as string[]);
process.stdout.write(`${JSON.stringify({ ...result, ms: performance.now() - began })}\n`);
process.exit(0);

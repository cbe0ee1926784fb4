/**
 * One run of the dump hash that `parity seed` uses (electron/core/seed/dump-digest.ts), as its own process
 * so the benchmark can read its peak memory: `node --import tsx seed-digest-child.ts SOCKET CONTAINER
 * DUMP_JSON` prints {digest, bytes, ms} as JSON. With DUMP_JSON `[]` it loads and connects exactly the same
 * and hashes nothing: the process's own floor (Node, tsx, dockerode), so the benchmark can tell the
 * runtime's memory from what streaming the dump adds.
 */
import { DockerEngine } from '../../electron/core/engine/docker-engine';
import { socketPathOf } from '../../electron/core/engine/engine-endpoint';
import { dumpDigest } from '../../electron/core/seed/dump-digest';

const [socket, container, dumpJson] = process.argv.slice(2);
if (!socket || !container || !dumpJson)
  throw new Error('usage: seed-digest-child SOCKET CONTAINER DUMP_JSON');
const engine = await DockerEngine.connect(socketPathOf(socket));
const dump = JSON.parse(dumpJson) as string[];
const began = performance.now();
const result = dump.length === 0 ? { digest: '', bytes: 0 } : await dumpDigest(engine, container, dump);
process.stdout.write(`${JSON.stringify({ ...result, ms: performance.now() - began })}\n`);
process.exit(0);

import {
  SNAPSHOT_SCHEMA_VERSION,
  type HealthPayload,
  type ServiceEvidence,
  type Snapshot,
} from '../../../shared/snapshot-schema';
import { boundedMap } from '../bounded-map';
import { execCapture } from '../engine/container-exec';
import type { DockerEngine } from '../engine/docker-engine';
import { dumpDigest } from '../seed/dump-digest';
import { schemaDigest } from '../seed/schema-digest';
import { containerFacts, imageFacts } from './container-facts';
import { normaliseHealthPayload } from './health-payload';
import { parseRuntimeVersions, RUNTIME_SCRIPT } from './runtime-versions';
import { saltedHash } from './salted-hash';
import { serviceEvidence, serviceOf } from './service-evidence';
import type { SnapshotSpec } from './snapshot-spec';

const HEALTH_TIMEOUT_MS = 5_000;
const MAX_HEALTH_BYTES = 1024 * 1024;

/** Engine calls in flight at once while reading the services: see bounded-map.ts. */
const SERVICE_CONCURRENCY = 4;

/**
 * This machine's side: the project's containers on the local engine, read through the Engine API. The
 * parts are independent, so they overlap: the services (a few at a time), the health endpoints, and the
 * database's schema and seed dumps, which start as soon as the listing names the seed's container.
 */
export async function localSnapshot(engine: DockerEngine, spec: SnapshotSpec): Promise<Snapshot> {
  const listed = await engine.client.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${spec.project}`] },
  });
  const seedSummary = spec.seed
    ? listed.find(
        (summary) =>
          summary.State === 'running' &&
          summary.Labels['com.docker.compose.service'] === spec.seed?.service &&
          summary.Labels['com.docker.compose.oneoff'] !== 'True',
      )
    : undefined;
  const [evidence, health, data] = await Promise.all([
    boundedMap(listed, SERVICE_CONCURRENCY, (summary) => serviceFacts(engine, spec, summary.Id)),
    Promise.all(
      spec.health.map(async (probe) => [probe.service, await fetchHealth(probe.url, probe.ignore)] as const),
    ),
    dataEvidence(engine, spec, seedSummary?.Id),
  ]);
  const services: Snapshot['services'] = {};
  for (const found of evidence) if (found) services[found.service] = found.evidence;

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    side: 'local',
    project: spec.project,
    takenAt: new Date().toISOString(),
    engine: { version: engine.info.version, apiVersion: engine.info.apiVersion, arch: engine.info.arch },
    services,
    health: Object.fromEntries(health),
    data,
  };
}

async function isUp(engine: DockerEngine, container: string): Promise<boolean> {
  const state = await engine.client
    .getContainer(container)
    .inspect()
    .then((info) => info.State)
    .catch(() => null);
  return state !== null && state.Running && !state.Restarting;
}

/** One container's evidence, or undefined for a one-off or foreign container. */
async function serviceFacts(
  engine: DockerEngine,
  spec: SnapshotSpec,
  id: string,
): Promise<{ service: string; evidence: ServiceEvidence } | undefined> {
  const inspect = await engine.client.getContainer(id).inspect();
  const facts = containerFacts(inspect);
  const service = serviceOf(facts, spec.project);
  if (service === undefined) return undefined;
  const [image, runtimes] = await Promise.all([
    engine.client
      .getImage(facts.imageId)
      .inspect()
      .then(imageFacts)
      .catch(() => undefined),
    // A crash-looping container reports Running while it waits to restart: nothing can be run in it then.
    inspect.State.Running && !inspect.State.Restarting ? runtimesIn(engine, id) : {},
  ]);
  const env = Object.fromEntries(
    (inspect.Config.Env ?? []).map((entry) => {
      const at = entry.indexOf('=');
      const key = at < 0 ? entry : entry.slice(0, at);
      return [key, saltedHash(spec.salt, at < 0 ? '' : entry.slice(at + 1))];
    }),
  );
  return { service, evidence: serviceEvidence(facts, image, env, runtimes) };
}

/** The schema hash and seed checksum, both dumps at once: they read the same database independently. */
async function dataEvidence(
  engine: DockerEngine,
  spec: SnapshotSpec,
  container: string | undefined,
): Promise<Snapshot['data']> {
  if (!spec.seed || container === undefined) return { schema: null, seed: null };
  try {
    const [schema, seed] = await Promise.all([
      schemaDigest(engine, container, spec.seed.dump),
      dumpDigest(engine, container, spec.seed.dump),
    ]);
    return { schema, seed: seed.digest };
  } catch (error) {
    // It crashed since it was listed: there is no data to read, and the service checks report the crash.
    if (await isUp(engine, container)) throw error;
    return { schema: null, seed: null };
  }
}

async function runtimesIn(engine: DockerEngine, container: string): Promise<Record<string, string>> {
  // An image without a shell (FROM scratch, distroless) simply has no runtimes we can name.
  const result = await execCapture(engine, container, { cmd: ['sh', '-c', RUNTIME_SCRIPT] }).catch(
    () => undefined,
  );
  return result ? parseRuntimeVersions(result.stdout) : {};
}

async function fetchHealth(url: string, ignore: string[]): Promise<HealthPayload> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    const body = await response.text();
    if (body.length > MAX_HEALTH_BYTES)
      return { error: `the payload is larger than ${MAX_HEALTH_BYTES} bytes` };
    if (!response.ok) return { error: `HTTP ${response.status}` };
    return { payload: normaliseHealthPayload(JSON.parse(body), ignore) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

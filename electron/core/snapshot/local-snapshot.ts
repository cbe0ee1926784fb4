import { SNAPSHOT_SCHEMA_VERSION, type HealthPayload, type Snapshot } from '../../../shared/snapshot-schema';
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

/** This machine's side: the project's containers on the local engine, read through the Engine API. */
export async function localSnapshot(engine: DockerEngine, spec: SnapshotSpec): Promise<Snapshot> {
  const listed = await engine.client.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${spec.project}`] },
  });
  const services: Snapshot['services'] = {};
  const containerOf: Record<string, string> = {};
  for (const summary of listed) {
    const inspect = await engine.client.getContainer(summary.Id).inspect();
    const facts = containerFacts(inspect);
    const service = serviceOf(facts, spec.project);
    if (service === undefined) continue;
    const image = await engine.client
      .getImage(facts.imageId)
      .inspect()
      .then(imageFacts)
      .catch(() => undefined);
    const env = Object.fromEntries(
      (inspect.Config.Env ?? []).map((entry) => {
        const at = entry.indexOf('=');
        const key = at < 0 ? entry : entry.slice(0, at);
        return [key, saltedHash(spec.salt, at < 0 ? '' : entry.slice(at + 1))];
      }),
    );
    // A crash-looping container reports Running while it waits to restart: nothing can be run in it then.
    const up = inspect.State.Running && !inspect.State.Restarting;
    const runtimes = up ? await runtimesIn(engine, summary.Id) : {};
    services[service] = serviceEvidence(facts, image, env, runtimes);
    if (up) containerOf[service] = summary.Id;
  }

  const health: Record<string, HealthPayload> = {};
  for (const probe of spec.health) health[probe.service] = await fetchHealth(probe.url, probe.ignore);

  const seedContainer = spec.seed ? containerOf[spec.seed.service] : undefined;
  const data: Snapshot['data'] = { schema: null, seed: null };
  if (spec.seed && seedContainer) {
    try {
      data.schema = await schemaDigest(engine, seedContainer, spec.seed.dump);
      data.seed = (await dumpDigest(engine, seedContainer, spec.seed.dump)).digest;
    } catch (error) {
      // It crashed since it was listed: there is no data to read, and the service checks report the crash.
      if (await isUp(engine, seedContainer)) throw error;
      data.schema = null;
      data.seed = null;
    }
  }

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    side: 'local',
    project: spec.project,
    takenAt: new Date().toISOString(),
    engine: { version: engine.info.version, apiVersion: engine.info.apiVersion, arch: engine.info.arch },
    services,
    health,
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

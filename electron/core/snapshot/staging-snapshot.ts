import { createHash } from 'node:crypto';
import { SNAPSHOT_SCHEMA_VERSION, type HealthPayload, type Snapshot } from '../../../shared/snapshot-schema';
import { ParityError } from '../parity-error';
import { normaliseSchemaDump } from '../seed/schema-digest';
import type { SshSession } from '../staging/ssh-session';
import { parseSections, type Section } from '../staging/staging-output';
import { stagingScript } from '../staging/staging-script';
import {
  cleanText,
  containerFacts,
  imageFacts,
  type ContainerFacts,
  type ImageFacts,
} from './container-facts';
import { normaliseHealthPayload } from './health-payload';
import { parseRuntimeVersions } from './runtime-versions';
import { serviceEvidence, serviceOf } from './service-evidence';
import type { SnapshotSpec } from './snapshot-spec';

const KINDS = new Set(['engine', 'container', 'image', 'env', 'runtime', 'health', 'schema', 'seed']);
/** A schema dump plus inspect output of a few dozen services fits easily; more is refused, not buffered. */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
/**
 * The remote collection runs an exec per container (runtime probes) and two dumps; on a busy staging host each
 * exec can take tens of seconds (measured at load average 100 on the lab: 20 services took over 120 s).
 */
const TIMEOUT_MS = 300_000;

/** Staging's side, collected with one remote command over an open, host-key-verified SSH session. */
export async function stagingSnapshot(session: SshSession, spec: SnapshotSpec): Promise<Snapshot> {
  const result = await session.exec(['sh', '-c', stagingScript(spec)], {
    maxBytes: MAX_OUTPUT_BYTES,
    timeoutMs: TIMEOUT_MS,
  });
  let sections: Section[];
  try {
    sections = parseSections(result.stdout, KINDS);
  } catch (error) {
    throw new ParityError(
      'ssh-failed',
      `Collecting staging's evidence failed: ${(error as Error).message} (exit code ${result.exitCode ?? '?'}). ${cleanText(result.stderr).slice(0, 300)}`,
      'Check that the staging user can run docker (docker ps) on the staging host.',
    );
  }
  return snapshotFromSections(sections, spec);
}

export function snapshotFromSections(sections: Section[], spec: SnapshotSpec): Snapshot {
  const containers = new Map<string, ContainerFacts>();
  const images = new Map<string, ImageFacts>();
  const envs = new Map<string, Record<string, string>>();
  const runtimes = new Map<string, Record<string, string>>();
  const health: Record<string, HealthPayload> = {};
  const data: Snapshot['data'] = { schema: null, seed: null };
  let engine: Snapshot['engine'] = null;

  for (const section of sections) {
    switch (section.kind) {
      case 'engine': {
        const parsed = parseJson(section.body) as Record<string, unknown> | undefined;
        if (parsed && typeof parsed['Version'] === 'string') {
          engine = {
            version: parsed['Version'],
            apiVersion: String(parsed['ApiVersion'] ?? ''),
            arch: String(parsed['Arch'] ?? ''),
          };
        }
        break;
      }
      case 'container':
        containers.set(section.arg, containerFacts(parseJson(section.body)));
        break;
      case 'image':
        images.set(section.arg, imageFacts(parseJson(section.body)));
        break;
      case 'env':
        envs.set(section.arg, parseEnvHashes(section.body));
        break;
      case 'runtime':
        runtimes.set(section.arg, parseRuntimeVersions(section.body));
        break;
      case 'health': {
        const payload = parseJson(section.body.trim());
        const probe = spec.health.find((h) => h.service === section.arg);
        health[section.arg] =
          payload === undefined || probe === undefined
            ? {
                error:
                  section.body.trim() === ''
                    ? 'no answer from the health endpoint'
                    : 'the payload is not JSON',
              }
            : { payload: normaliseHealthPayload(payload, probe.ignore) };
        break;
      }
      case 'schema':
        data.schema = `sha256:${createHash('sha256').update(normaliseSchemaDump(section.body)).digest('hex')}`;
        break;
      case 'seed': {
        const hex = section.body.trim();
        data.seed = /^[0-9a-f]{64}$/.test(hex) ? `sha256:${hex}` : null;
        break;
      }
    }
  }

  const services: Snapshot['services'] = {};
  for (const [id, facts] of containers) {
    const service = serviceOf(facts, spec.project);
    if (service === undefined) continue;
    services[service] = serviceEvidence(facts, images.get(id), envs.get(id) ?? {}, runtimes.get(id) ?? {});
  }
  for (const probe of spec.health) health[probe.service] ??= { error: 'the service does not run on staging' };

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    side: 'staging',
    project: spec.project,
    takenAt: new Date().toISOString(),
    engine,
    services,
    health,
    data,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `KEY <64 hex>` lines; a malformed line is dropped rather than trusted. */
function parseEnvHashes(body: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of body.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*) ([0-9a-f]{64})$/.exec(line);
    if (match?.[1] && match[2]) env[match[1]] = `sha256:${match[2]}`;
  }
  return env;
}

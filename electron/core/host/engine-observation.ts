import { errnoOf, unixSocketFetch, type EngineFetch } from '../engine/engine-fetch';
import { parseEngineInfo, type EngineInfo } from './engine-info';
import { kindFromSocketPath, type EngineKind } from './engine-kind';
import { engineSocketCandidates, type EngineCandidate } from './engine-sockets';
import { parseEngineVersion, type EngineVersionFacts } from './engine-version';
import type { HostProbe } from './host-probe';

export interface EngineConnection {
  socket: string;
  origin: string;
  /** Settings the docker CLI would follow but Parity could not (a DOCKER_HOST pointing nowhere, tcp://). */
  ignored: string[];
}

export type EngineProblem =
  | { reason: 'missing'; tried: string[]; ignored: string[] }
  | {
      reason: 'unreachable';
      socket: string;
      origin: string;
      /** Guessed from the socket's path: the engine did not answer, so it cannot say what it is. */
      kind: EngineKind;
      detail: string;
      errno: string | undefined;
    };

/** What the doctor knows about the engine: its answers, or why there are none. */
export type EngineObservation =
  { version: EngineVersionFacts; info: EngineInfo; via?: EngineConnection } | { error: EngineProblem };

/**
 * Finds the engine the way the docker CLI would, so the doctor checks the engine `docker compose` will use.
 * A socket the user chose (DOCKER_HOST, a context) that exists is the only one asked: falling back to
 * another engine would check a stack the developer does not run. Without a choice, the first known
 * socket that answers wins.
 */
export async function observeEngine(
  probe: HostProbe,
  fetch: EngineFetch = unixSocketFetch,
): Promise<EngineObservation> {
  const { candidates, skipped } = await engineSocketCandidates(probe);
  const ignored = skipped.map((s) => `${s} is not a unix socket`);
  const present: EngineCandidate[] = [];
  for (const candidate of candidates) {
    if (await probe.exists(candidate.path)) present.push(candidate);
    else if (candidate.chosen)
      ignored.push(`${candidate.origin} points at ${candidate.path}, which does not exist`);
  }

  const chosen = present.find((c) => c.chosen);
  const toAsk = chosen === undefined ? present : [chosen];
  let firstFailure: EngineProblem | undefined;
  for (const candidate of toAsk) {
    try {
      const [versionBody, infoBody] = await Promise.all([
        fetch(candidate.path, '/version'),
        fetch(candidate.path, '/info'),
      ]);
      return {
        version: parseEngineVersion(candidate.path, versionBody),
        info: parseEngineInfo(infoBody),
        via: { socket: candidate.path, origin: candidate.origin, ignored },
      };
    } catch (error) {
      firstFailure ??= {
        reason: 'unreachable',
        socket: candidate.path,
        origin: candidate.origin,
        kind: kindFromSocketPath(candidate.path, probe.platform),
        detail: error instanceof Error ? error.message : String(error),
        errno: errnoOf(error),
      };
    }
  }
  return {
    error: firstFailure ?? { reason: 'missing', tried: candidates.map((c) => c.path), ignored },
  };
}

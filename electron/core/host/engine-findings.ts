import { NOTHING_TO_DO, type Finding } from './finding';
import { classifyEngine, engineKindLabel } from './engine-kind';
import type { EngineObservation, EngineProblem } from './engine-observation';
import { grantSocketAccess, installEngine, startEngine, upgradeEngine } from './engine-remedies';
import type { HostFacts } from './host-facts';
import { MIN_API_VERSION } from './thresholds';
import { formatGiB } from './units';

/** Is there an engine, which one, and does it speak an API Parity can use? */
export function engineFindings(host: HostFacts, engine: EngineObservation): Finding[] {
  if ('error' in engine) return [problemFinding(host, engine.error)];
  const { version, info } = engine;
  const kind = classifyEngine(version, info);
  const label = engineKindLabel(kind);
  const product = version.platformName !== '' && kind === 'docker-desktop' ? version.platformName : label;
  const via = engine.via;
  const ignored = via?.ignored ?? [];
  const findings: Finding[] = [
    {
      kind: 'host.engine-kind',
      // The docker CLI would follow the setting Parity had to ignore: the two would disagree about the engine.
      severity: ignored.length > 0 ? 'warning' : 'info',
      message:
        `${product}: engine ${version.version}, API ${version.apiVersion}, ${info.osType}/${info.architecture}, ` +
        `${formatGiB(info.memTotalBytes)}, ${info.cpus} CPUs, at ${version.socket}` +
        (via !== undefined && via.origin !== 'known path' ? ` (${via.origin})` : '') +
        '.' +
        (ignored.length > 0 ? ` But ${ignored.join('; ')}: the docker CLI will not reach this engine.` : ''),
      evidence: {
        engineKind: kind,
        socket: version.socket,
        origin: via?.origin ?? '',
        version: version.version,
        apiVersion: version.apiVersion,
        operatingSystem: info.operatingSystem,
        name: info.name,
        architecture: info.architecture,
        memTotalBytes: info.memTotalBytes,
        cpus: info.cpus,
        ignored: ignored.join('; '),
      },
      remediation:
        ignored.length > 0
          ? {
              summary:
                'Point the docker CLI at the engine that answers (add the export to your shell profile).',
              commands: [`export DOCKER_HOST=unix://${version.socket}`],
            }
          : NOTHING_TO_DO,
    },
  ];
  if (compareApiVersions(version.apiVersion, MIN_API_VERSION) < 0) {
    findings.push({
      kind: 'host.engine-old',
      severity: 'warning',
      message: `${label} ${version.version} speaks Docker API ${version.apiVersion}; Parity needs ${MIN_API_VERSION} or newer.`,
      evidence: {
        engineKind: kind,
        version: version.version,
        apiVersion: version.apiVersion,
        minimum: MIN_API_VERSION,
      },
      remediation: upgradeEngine(kind, host),
    });
  }
  return findings;
}

function problemFinding(host: HostFacts, problem: EngineProblem): Finding {
  if (problem.reason === 'missing') {
    const ignored = problem.ignored.length > 0 ? ` (${problem.ignored.join('; ')})` : '';
    return {
      kind: 'host.engine-missing',
      severity: 'error',
      message: `No container engine on this host: none of the ${problem.tried.length} sockets an engine would use exists${ignored}.`,
      evidence: { tried: problem.tried.join(', '), ignored: problem.ignored.join('; ') },
      remediation: installEngine(host),
    };
  }
  const label = engineKindLabel(problem.kind);
  return {
    kind: 'host.engine-unreachable',
    severity: 'error',
    message: `${label}'s socket ${problem.socket} exists but no engine answers: ${problem.detail}`,
    evidence: {
      socket: problem.socket,
      origin: problem.origin,
      guessedKind: problem.kind,
      errno: problem.errno ?? '',
      detail: problem.detail,
    },
    remediation:
      problem.errno === 'EACCES'
        ? grantSocketAccess(problem.socket)
        : startEngine(problem.kind, host, problem.socket),
  };
}

/** "1.40" < "1.41" < "1.9"? No: API versions are major.minor integers, so 1.9 < 1.40. */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

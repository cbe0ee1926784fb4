import type { DoctorImage } from './doctor-image';
import { emulationFindings } from './emulation-findings';
import { engineFindings } from './engine-findings';
import { classifyEngine } from './engine-kind';
import type { EngineObservation } from './engine-observation';
import type { Finding } from './finding';
import { gatherHostFacts, type HostFacts } from './host-facts';
import { hostFindings } from './host-findings';
import type { HostProbe } from './host-probe';
import { diskFindings, memoryFindings, type DiskFacts } from './resource-findings';

export interface DoctorInput {
  probe: HostProbe;
  engine: EngineObservation;
  workspaceDir: string;
  images: DoctorImage[];
}

/** Everything the checks read, gathered first: the checks themselves are then a pure function of this. */
export interface DoctorFacts {
  host: HostFacts;
  engine: EngineObservation;
  images: DoctorImage[];
  disk: DiskFacts | null;
}

/**
 * `parity doctor`: gather the host's facts through the probe, then judge them. Asynchronous only because
 * the probe is (commands, files); given the same probe answers it always returns the same findings.
 */
export async function runDoctor(input: DoctorInput): Promise<Finding[]> {
  return diagnose(await gatherDoctorFacts(input));
}

export async function gatherDoctorFacts(input: DoctorInput): Promise<DoctorFacts> {
  const host = await gatherHostFacts(input.probe, input.workspaceDir);
  const disk = await measureDisk(input.probe, input.engine, input.workspaceDir);
  return { host, engine: input.engine, images: input.images, disk };
}

/** The checks, in the order a person reads them: the machine, the engine, what the stack will need. */
export function diagnose(facts: DoctorFacts): Finding[] {
  const { host, engine, images } = facts;
  const findings = [...hostFindings(host), ...engineFindings(host, engine)];
  if ('error' in engine) return [...findings, ...diskFindings(facts.disk, images, null)];
  const kind = classifyEngine(engine.version, engine.info);
  const engineArch = engine.info.architecture !== '' ? engine.info.architecture : engine.version.arch;
  return [
    ...findings,
    ...emulationFindings(host, kind, engineArch, images),
    ...memoryFindings(host, kind, engine.info),
    ...diskFindings(facts.disk, images, kind),
  ];
}

/**
 * Free space where the images will land. An engine sharing this kernel keeps them in DockerRootDir on this
 * file system; one in a VM (Docker Desktop, Colima, OrbStack …) keeps them in a disk image stored in the
 * user's home, so the workspace's file system is the nearest thing to measure.
 */
async function measureDisk(
  probe: HostProbe,
  engine: EngineObservation,
  workspaceDir: string,
): Promise<DiskFacts | null> {
  if ('version' in engine) {
    const root = engine.info.dockerRootDir;
    const sharesKernel = probe.platform === 'linux' && engine.info.kernelVersion === probe.osRelease;
    if (sharesKernel && root !== '') {
      const free = await probe.statfs(root);
      if (free !== null) return { path: root, freeBytes: free, basis: 'engine-data-root' };
    }
  }
  const free = await probe.statfs(workspaceDir);
  return free === null ? null : { path: workspaceDir, freeBytes: free, basis: 'workspace' };
}

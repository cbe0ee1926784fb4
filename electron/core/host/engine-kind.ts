import type { EngineInfo } from './engine-info';
import type { EngineVersionFacts } from './engine-version';

export type EngineKind =
  'docker-engine' | 'docker-desktop' | 'podman' | 'colima' | 'orbstack' | 'rancher-desktop';

const LABELS: Record<EngineKind, string> = {
  'docker-engine': 'Docker Engine',
  'docker-desktop': 'Docker Desktop',
  podman: 'Podman',
  colima: 'Colima',
  orbstack: 'OrbStack',
  'rancher-desktop': 'Rancher Desktop',
};

export function engineKindLabel(kind: EngineKind): string {
  return LABELS[kind];
}

/**
 * Which product runs the engine, from what it says about itself. Each product marks itself in one place:
 * Podman in /version Components, Docker Desktop and OrbStack in /info OperatingSystem, Colima and Rancher
 * Desktop (both Lima VMs) only in the VM's host name. Anything else is a plain Docker Engine.
 */
export function classifyEngine(version: EngineVersionFacts, info: EngineInfo): EngineKind {
  if (version.components.includes('Podman Engine')) return 'podman';
  if (info.operatingSystem === 'OrbStack') return 'orbstack';
  if (
    info.operatingSystem === 'Docker Desktop' ||
    info.name === 'docker-desktop' ||
    version.platformName.startsWith('Docker Desktop')
  ) {
    return 'docker-desktop';
  }
  if (info.name === 'lima-rancher-desktop' || info.name === 'rancher-desktop') return 'rancher-desktop';
  // A Colima profile named "work" runs in a VM named "colima-work".
  if (info.name === 'colima' || info.name.startsWith('colima-')) return 'colima';
  return 'docker-engine';
}

/**
 * Best guess from the socket's path alone, for an engine that does not answer: enough to say which start
 * command to run. On macOS /var/run/docker.sock is Docker Desktop's symlink, on Linux the system engine's.
 */
export function kindFromSocketPath(path: string, platform: NodeJS.Platform): EngineKind {
  if (path.includes('/.colima/')) return 'colima';
  if (path.includes('/.orbstack/')) return 'orbstack';
  if (path.includes('/.rd/')) return 'rancher-desktop';
  if (path.includes('podman')) return 'podman';
  if (path.includes('/.docker/run/') || path.includes('/.docker/desktop/')) return 'docker-desktop';
  return platform === 'darwin' || platform === 'win32' ? 'docker-desktop' : 'docker-engine';
}

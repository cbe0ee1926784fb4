import type { Finding } from './finding';
import type { DoctorImage } from './doctor-image';
import { engineKindLabel, type EngineKind } from './engine-kind';
import type { EngineInfo } from './engine-info';
import { raiseEngineMemory } from './engine-remedies';
import type { HostFacts } from './host-facts';
import {
  DISK_HEADROOM_BYTES,
  RECOMMENDED_MEMORY_BYTES,
  RECOMMENDED_MEMORY_GIB,
  REPORTED_MEMORY_FLOOR_BYTES,
} from './thresholds';
import { formatGiB } from './units';

export function memoryFindings(host: HostFacts, kind: EngineKind, info: EngineInfo): Finding[] {
  if (info.memTotalBytes >= REPORTED_MEMORY_FLOOR_BYTES) return [];
  const physical = host.mac?.physicalMemoryBytes ?? (host.wsl === null ? host.totalMemoryBytes : null);
  const machine = host.mac !== null ? 'this Mac' : 'this machine';
  return [
    {
      kind: 'host.memory-low',
      severity: 'warning',
      message:
        `The ${engineKindLabel(kind)} engine has ${formatGiB(info.memTotalBytes)} of memory; ` +
        `${RECOMMENDED_MEMORY_GIB} GiB is recommended for a stack with a database` +
        (physical !== null ? ` (${machine} has ${formatGiB(physical)}).` : '.'),
      evidence: {
        engineKind: kind,
        memTotalBytes: info.memTotalBytes,
        recommendedBytes: RECOMMENDED_MEMORY_BYTES,
        ...(physical !== null ? { hostMemoryBytes: physical } : {}),
      },
      remediation: raiseEngineMemory(kind, host),
    },
  ];
}

/** What frees the engine's disk: see what it holds, then drop unused images and build cache. */
export const DISK_CLEANUP_COMMANDS: readonly string[] = [
  'docker system df',
  'docker image prune',
  'docker builder prune',
];

/** Where free space was measured, and why there: evidence a reader can check with df. */
export interface DiskFacts {
  path: string;
  freeBytes: number;
  basis: 'engine-data-root' | 'workspace';
}

export function diskFindings(
  disk: DiskFacts | null,
  images: readonly DoctorImage[],
  kind: EngineKind | null,
): Finding[] {
  if (disk === null) return [];
  const imagesBytes = images.reduce((sum, image) => sum + (image.sizeBytes ?? 0), 0);
  const neededBytes = imagesBytes + DISK_HEADROOM_BYTES;
  if (disk.freeBytes >= neededBytes) return [];
  const where = disk.basis === 'engine-data-root' ? `${disk.path} (the engine's data)` : disk.path;
  const vmNote =
    kind === 'docker-desktop'
      ? ' Docker Desktop also caps its disk: Settings › Resources › Virtual disk limit.'
      : '';
  return [
    {
      kind: 'host.disk-low',
      severity: 'error',
      message:
        `Only ${formatGiB(disk.freeBytes)} free on ${where}; the stack's ${images.length} images need ` +
        `${formatGiB(imagesBytes)} plus ${formatGiB(DISK_HEADROOM_BYTES)} headroom.`,
      evidence: {
        path: disk.path,
        basis: disk.basis,
        freeBytes: disk.freeBytes,
        imagesBytes,
        neededBytes,
      },
      remediation: {
        summary: `Free at least ${formatGiB(neededBytes - disk.freeBytes)}: see what the engine holds, then remove unused images and build cache.${vmNote}`,
        commands: [...DISK_CLEANUP_COMMANDS],
      },
    },
  ];
}

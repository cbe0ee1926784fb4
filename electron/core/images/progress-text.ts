import type { ProgressSummary } from './image-progress';
import type { PullEvent } from './pull-events';

/** `1.4 MB`, `312 kB`: decimal units, as the docker CLI shows pull sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? ''}`;
}

/** `sha256:1e186479bdab…`: enough to recognise a digest in a line a person reads. */
export function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}

/**
 * One image's progress bar: bytes when the engine reported sizes, otherwise layers done of known.
 * `state` replaces the numbers once the image is done, failed or skipped.
 */
export function progressLine(
  service: string,
  width: number,
  summary: ProgressSummary,
  state: { text: string; complete: boolean } | undefined,
): string {
  const name = service.padEnd(width);
  // An image already present reports no layers at all: done is full, whatever the counts say.
  const ratio = state?.complete
    ? 1
    : summary.bytes
      ? summary.bytes.total === 0
        ? 1
        : summary.bytes.current / summary.bytes.total
      : summary.layers === 0
        ? 0
        : summary.layersDone / summary.layers;
  const cells = 24;
  const filled = Math.max(0, Math.min(cells, Math.round(ratio * cells)));
  const bar = `[${'█'.repeat(filled)}${'·'.repeat(cells - filled)}]`;
  const numbers =
    summary.layers === 0
      ? 'waiting for the engine'
      : summary.bytes
        ? `${formatBytes(summary.bytes.current)} / ${formatBytes(summary.bytes.total)}, ${summary.layersDone}/${summary.layers} layers`
        : `${summary.layersDone}/${summary.layers} layers`;
  return `${name} ${bar} ${state?.text ?? numbers}`;
}

/**
 * The line an event prints without a terminal (CI logs): starts, finished layers, and outcomes; the
 * engine's many "Downloading" ticks would only flood the log. Undefined for events that print nothing.
 */
export function plainLine(event: PullEvent): string | undefined {
  switch (event.type) {
    case 'resolve':
      return `resolving ${event.services.length} image(s) against their registries`;
    case 'image-start':
      return `${event.service}: pulling ${event.reference}`;
    case 'layer':
      return event.status === 'Pull complete' || event.status === 'Already exists'
        ? `${event.service}: layer ${event.layer} ${event.status.toLowerCase()}`
        : undefined;
    case 'image-done':
      return `${event.service}: pulled ${event.reference}${event.verified ? ', RepoDigests verified' : ', RepoDigests do NOT hold the pin'}`;
    case 'image-retry':
      return `${event.service}: ${event.message}; attempt ${event.attempt} of ${event.attempts} in ${event.delayMs / 1000}s`;
    case 'image-failed':
      return `${event.service}: pull failed: ${event.message}`;
    case 'image-skipped':
      return `${event.service}: not pulled: ${event.reason}`;
  }
}

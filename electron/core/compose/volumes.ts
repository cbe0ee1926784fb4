import { isAbsolute, join, resolve } from 'node:path';
import type { VolumeMount } from './model';
import type { RawVolumeMount } from './raw-compose';

/** A volume entry Compose would refuse; the message says why in plain words. */
export class VolumeSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VolumeSpecError';
  }
}

const MODES = new Set([
  'ro',
  'rw',
  'z',
  'Z',
  'nocopy',
  'consistent',
  'cached',
  'delegated',
  'shared',
  'rshared',
  'slave',
  'rslave',
  'private',
  'rprivate',
]);
const WINDOWS_PATH = /^([A-Za-z]:[\\/]|\\\\)/;

/**
 * Short syntax: `TARGET` (an anonymous volume), `SOURCE:TARGET` or `SOURCE:TARGET:MODE`. A source that
 * looks like a path (`.`, `/`, `~`, a Windows drive) is a bind mount, anything else a named volume; bind
 * sources are returned as written, for resolveHostPath.
 */
export function parseVolumeShort(spec: string): VolumeMount {
  const parts = splitOnColons(spec);
  if (parts.length === 1)
    return { type: 'volume', source: null, target: checkTarget(parts[0] ?? '', spec), readOnly: false };
  if (parts.length > 3)
    throw new VolumeSpecError(`${JSON.stringify(spec)} has too many ":" (SOURCE:TARGET[:MODE])`);
  const [source = '', target = '', mode] = parts;
  if (source === '') throw new VolumeSpecError(`${JSON.stringify(spec)} has an empty source`);
  const options = mode === undefined ? [] : mode.split(',');
  const unknown = options.filter((option) => !MODES.has(option));
  if (unknown.length > 0) {
    throw new VolumeSpecError(
      `${JSON.stringify(spec)} has an unknown mode ${JSON.stringify(unknown.join(','))}`,
    );
  }
  if (options.includes('ro') && options.includes('rw')) {
    throw new VolumeSpecError(`${JSON.stringify(spec)} is both read-only (ro) and read-write (rw)`);
  }
  return {
    type: looksLikePath(source) ? 'bind' : 'volume',
    source,
    target: checkTarget(target, spec),
    readOnly: options.includes('ro'),
  };
}

/** Long syntax. Types Parity does not model (npipe, cluster, image) are null, for the caller to report. */
export function parseVolumeLong(raw: RawVolumeMount): VolumeMount | null {
  if (raw.type !== 'volume' && raw.type !== 'bind' && raw.type !== 'tmpfs') return null;
  const target = checkTarget(raw.target ?? '', raw.target ?? '');
  const source = raw.source === undefined || raw.source === '' ? null : raw.source;
  if (raw.type === 'bind' && source === null)
    throw new VolumeSpecError('a bind mount needs a `source` on the host');
  if (raw.type === 'tmpfs' && source !== null) throw new VolumeSpecError('a tmpfs mount takes no `source`');
  return { type: raw.type, source, target, readOnly: raw.read_only ?? false };
}

/**
 * Makes a bind source absolute the way Compose does: relative to the compose file's folder, with `~`
 * taken from the HOME of the environment Parity was given (never the process's own).
 */
export function resolveHostPath(source: string, projectDir: string, home: string | undefined): string {
  if (source === '~' || source.startsWith('~/')) {
    if (home === undefined || home === '') {
      throw new VolumeSpecError(
        `${JSON.stringify(source)} starts with ~, but HOME is not set in the environment`,
      );
    }
    return join(home, source.slice(1));
  }
  if (WINDOWS_PATH.test(source)) return source;
  return isAbsolute(source) ? resolve(source) : resolve(projectDir, source);
}

function looksLikePath(source: string): boolean {
  return (
    source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || WINDOWS_PATH.test(source)
  );
}

function checkTarget(target: string, spec: string): string {
  if (target === '') throw new VolumeSpecError(`${JSON.stringify(spec)} has no container path`);
  if (!target.startsWith('/')) {
    throw new VolumeSpecError(`${JSON.stringify(target)} must be an absolute path inside the container`);
  }
  return target;
}

/** Splits on ":" but keeps a Windows drive (`C:\…`) in one piece. */
function splitOnColons(spec: string): string[] {
  const parts: string[] = [];
  let rest = spec;
  for (;;) {
    const colon = rest.indexOf(':', WINDOWS_PATH.test(rest) ? 2 : 0);
    if (colon === -1) return [...parts, rest];
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
}

import { listOrDictToMap } from './list-or-dict';
import type { ComposeNetwork, ComposeVolume } from './model';
import { setOwn } from './own-property';
import type { RawNetwork, RawVolume } from './raw-compose';

/** Top-level `volumes:`, each with the name the Engine will know it by. */
export function normaliseVolumes(
  raw: { [key: string]: RawVolume | null } | undefined,
  project: string,
): Record<string, ComposeVolume> {
  const volumes: Record<string, ComposeVolume> = {};
  for (const [key, spec] of Object.entries(raw ?? {})) {
    setOwn(volumes, key, {
      ...identity(key, spec, project),
      driver: spec?.driver ?? null,
      driverOpts: driverOpts(spec?.driver_opts),
      labels: listOrDictToMap(spec?.labels, () => ''),
    });
  }
  return volumes;
}

/**
 * Top-level `networks:`. Like Compose, the implicit `default` network exists as soon as a service uses
 * it, named `<project>_default`, unless the file configures `default` itself.
 */
export function normaliseNetworks(
  raw: { [key: string]: RawNetwork | null } | undefined,
  project: string,
  defaultUsed: boolean,
): Record<string, ComposeNetwork> {
  const networks: Record<string, ComposeNetwork> = {};
  const declared: { [key: string]: RawNetwork | null } = {
    ...(defaultUsed ? { default: null } : {}),
    ...raw,
  };
  for (const [key, spec] of Object.entries(declared)) {
    setOwn(networks, key, {
      ...identity(key, spec, project),
      driver: spec?.driver ?? null,
      driverOpts: driverOpts(spec?.driver_opts),
      internal: spec?.internal ?? false,
      labels: listOrDictToMap(spec?.labels, () => ''),
    });
  }
  return networks;
}

/**
 * Compose's naming: an explicit `name:` is used as written; an external resource is known by its key
 * (or the legacy `external: { name }`); anything else is `<project>_<key>`.
 */
function identity(
  key: string,
  spec: { name?: string; external?: boolean | { name?: string } } | null | undefined,
  project: string,
): { name: string; external: boolean } {
  const external = spec?.external !== undefined && spec.external !== false;
  const legacyName = typeof spec?.external === 'object' ? spec.external.name : undefined;
  const name = spec?.name ?? legacyName ?? (external ? key : `${project}_${key}`);
  return { name, external };
}

function driverOpts(raw: { [key: string]: string | number } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) setOwn(out, key, String(value));
  return out;
}

import type { Diagnostics } from './diagnostics';
import type { KeyPath } from './key-path';
import { isPlainMap, type PlainValue } from './plain-value';

/**
 * What Parity models, as a tree: `true` accepts everything below, `*` is any map key, `[]` the items of
 * a list. Everything else a file sets is reported by name, never dropped silently: a key Parity ignores
 * is a difference from staging nobody would see otherwise.
 */
type Shape = true | { readonly [key: string]: Shape };

const STRING_MAP: Shape = true;
const SERVICE: Shape = {
  image: true,
  build: { context: true, dockerfile: true, args: STRING_MAP, target: true },
  command: true,
  entrypoint: true,
  environment: STRING_MAP,
  env_file: { '[]': { path: true, required: true } },
  ports: { '[]': { target: true, published: true, host_ip: true, protocol: true } },
  volumes: { '[]': { type: true, source: true, target: true, read_only: true } },
  networks: { '*': { aliases: true, ipv4_address: true, ipv6_address: true } },
  network_mode: true,
  labels: STRING_MAP,
  healthcheck: {
    test: true,
    interval: true,
    timeout: true,
    start_period: true,
    start_interval: true,
    retries: true,
    disable: true,
  },
  restart: true,
  user: true,
  working_dir: true,
  platform: true,
  container_name: true,
  deploy: { resources: { limits: { cpus: true, memory: true } } },
  depends_on: { '*': { condition: true, restart: true, required: true } },
  profiles: true,
};
const RESOURCE: { readonly [key: string]: Shape } = {
  name: true,
  external: true,
  driver: true,
  driver_opts: STRING_MAP,
  labels: STRING_MAP,
};
const TOP_LEVEL: Shape = {
  name: true,
  services: { '*': SERVICE },
  volumes: { '*': RESOURCE },
  networks: { '*': { ...RESOURCE, internal: true } },
};

const SPECIAL: Readonly<Record<string, string>> = {
  version: '`version` is obsolete: Compose ignores it, and so does Parity',
};

/** Reports every key of the document outside what Parity models; `x-` extensions are skipped. */
export function reportUnsupportedKeys(
  document: PlainValue,
  diagnostics: Diagnostics,
  skip: (path: KeyPath) => boolean,
): void {
  const visit = (value: PlainValue, shape: Shape, path: KeyPath): void => {
    if (shape === true || skip(path)) return;
    if (Array.isArray(value)) {
      const itemShape = shape['[]'];
      if (itemShape !== undefined) value.forEach((item, index) => visit(item, itemShape, [...path, index]));
      return;
    }
    if (!isPlainMap(value)) return;
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('x-')) continue;
      // hasOwn, not a plain lookup: a key named `__proto__` or `constructor` must not find Object's own.
      const next = Object.hasOwn(shape, key) ? shape[key] : shape['*'];
      const keyPath = [...path, key];
      if (next === undefined) {
        diagnostics.warn(
          keyPath,
          (path.length === 0 && Object.hasOwn(SPECIAL, key) ? SPECIAL[key] : undefined) ??
            `\`${key}\` is not supported by Parity yet: it is left out of the model, so Parity neither checks nor applies it`,
        );
      } else {
        visit(item, next, keyPath);
      }
    }
  };
  visit(document, TOP_LEVEL, []);
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeHealthcheck {
  test: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

export interface ComposeService {
  image: string;
  environment?: Record<string, string> | string[];
  command?: string[] | string;
  healthcheck?: ComposeHealthcheck;
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: string[];
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** KEY=VALUE lines; no quoting rules beyond stripping one pair of surrounding quotes. */
export function readDotenv(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

/** Compose's ${VAR}, ${VAR:-default} and $$, enough for the lab's own compose file. */
export function interpolate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g,
    (whole, name: string | undefined, fallback: string | undefined) => {
      if (whole === '$$') return '$';
      const value = name === undefined ? undefined : vars[name];
      return value !== undefined && value !== '' ? value : (fallback ?? '');
    },
  );
}

export function loadCompose(file: string, vars: Readonly<Record<string, string>>): ComposeFile {
  const parsed = parse(interpolate(readFileSync(file, 'utf8'), vars)) as Partial<ComposeFile> | null;
  if (!parsed?.services || typeof parsed.services !== 'object') throw new Error(`${file} has no services`);
  for (const [name, service] of Object.entries(parsed.services)) {
    if (typeof service.image !== 'string') throw new Error(`${file}: service ${name} needs an image`);
  }
  return { ...parsed, services: parsed.services };
}

export function dependencies(service: ComposeService): Record<string, string> {
  const deps = service.depends_on;
  if (deps === undefined) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, dep]) => [name, dep.condition ?? 'service_started']),
  );
}

/** Services ordered so each comes after what it depends on. */
export function startOrder(compose: ComposeFile): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`dependency cycle at service ${name}`);
    const service = compose.services[name];
    if (!service) throw new Error(`unknown service ${name}`);
    visiting.add(name);
    Object.keys(dependencies(service)).forEach(visit);
    visiting.delete(name);
    ordered.push(name);
  };
  Object.keys(compose.services).sort().forEach(visit);
  return ordered;
}

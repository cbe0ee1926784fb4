import type { z } from 'zod';
import type { ContractProblem } from './contract-error';
import { formatKeyPath } from './contract-error';
import { describeExpected, knownKeys, schemaAt } from './describe-schema';
import { didYouMean } from '../did-you-mean';
import type { KeyPath, LocatedYaml } from './yaml-locate';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

/**
 * Turns zod's issues into problems a new hire can act on: each at the line and column where the value (or
 * the unknown key) was written, with its dotted key path, and in plain words ("expected a list of strings,
 * got the number 3") rather than zod's ("Invalid input: expected array, received number").
 *
 * The issues must come from a parse with `reportInput: true`: "got …" is half of every message.
 */
export function problemsFromIssues(
  issues: readonly Issue[],
  schema: Schema,
  yaml: LocatedYaml,
  file: string,
): ContractProblem[] {
  const problems: ContractProblem[] = [];
  const add = (path: KeyPath, target: 'key' | 'value', message: string): void => {
    const { line, column } = yaml.positionOf(path, target);
    problems.push({ file, line, column, keyPath: formatKeyPath(path), message });
  };
  const visit = (issue: Issue, prefix: KeyPath): void => {
    const path = [...prefix, ...issue.path.map(segmentOf)];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schemaAt(schema, path));
      for (const key of issue.keys) add([...path, key], 'key', unknownKey(key, known));
      return;
    }
    if (issue.code === 'invalid_key') {
      add(
        path,
        'key',
        `${issue.issues[0]?.message ?? 'this key is not allowed here'}, got ${describeValue(issue.input)}`,
      );
      return;
    }
    if (issue.code === 'invalid_union') {
      // When the value has the shape of one alternative (a list, for a list-or-text command), what is wrong
      // inside it is more useful than "expected a list or text".
      const branch = issue.errors.find(
        (errors) => errors.length > 0 && errors.every((e) => !isWrongShape(e)),
      );
      if (branch !== undefined) {
        for (const inner of branch) visit(inner, path);
        return;
      }
    }
    add(path, 'value', messageFor(issue, schemaAt(schema, path)));
  };
  for (const issue of issues) visit(issue, []);
  return problems;
}

function messageFor(issue: Issue, schema: Schema | undefined): string {
  // A key that is not there at all: zod reports it as a value of type undefined.
  if (issue.input === undefined) return `is required but missing; expected ${describeExpected(schema)}`;
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value':
    case 'invalid_union':
      return `expected ${describeExpected(schema)}, got ${got}${quotingHint(issue.input, schema)}`;
    case 'invalid_format':
      // Every format in the schema states its expectation in its own message ("expected a digest: …").
      return `${issue.message}, got ${got}`;
    case 'too_small':
      if (issue.origin === 'array') {
        return `must list at least ${issue.minimum === 1 ? 'one item' : `${issue.minimum} items`}, got ${got}`;
      }
      if (issue.origin === 'string') return `must not be empty`;
      return `expected ${describeExpected(schema)}, got ${got}`;
    case 'too_big':
      return `expected ${describeExpected(schema)}, got ${got}`;
    default:
      return issue.message;
  }
}

function unknownKey(key: string, known: readonly string[]): string {
  const suggestion = didYouMean(key, known);
  if (suggestion !== undefined) return `unknown key "${key}" — did you mean "${suggestion}"?`;
  return known.length > 0
    ? `unknown key "${key}"; the keys allowed here are ${known.join(', ')}`
    : `unknown key "${key}"`;
}

/** A value of the wrong kind altogether, as opposed to the right kind with something wrong inside. */
function isWrongShape(issue: Issue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

/** YAML reads `42` and `true` as a number and a boolean; where text was meant, quotes are the fix. */
function quotingHint(input: unknown, schema: Schema | undefined): string {
  const expected = describeExpected(schema);
  if ((typeof input === 'number' || typeof input === 'boolean') && expected === 'text') {
    return ` — put it in quotes: "${String(input)}"`;
  }
  if (typeof input === 'string' && expected === input.trim()) return ' — write it without quotes';
  return '';
}

/** The value found, in YAML's words and short enough for one line. */
export function describeValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'an empty value';
  if (typeof input === 'string') {
    const shown = input.length > 60 ? `${input.slice(0, 57)}...` : input;
    return `text ${JSON.stringify(shown)}`;
  }
  if (typeof input === 'number') return `the number ${input}`;
  if (typeof input === 'boolean') return `${input}`;
  if (Array.isArray(input)) return input.length === 0 ? 'an empty list' : 'a list';
  if (typeof input === 'object') return 'a mapping';
  return typeof input;
}

function segmentOf(segment: PropertyKey): string | number {
  return typeof segment === 'number' ? segment : String(segment);
}

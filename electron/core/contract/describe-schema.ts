import { z } from 'zod';
import type { KeyPath } from './yaml-locate';

/**
 * Reading the schema back at the place an issue points to. Zod says "expected array"; the schema knows it
 * is "a list of strings", and which keys a mapping accepts (what "did you mean" chooses from).
 */

type Schema = z.core.$ZodType;

/** The schema that governs `path`, or undefined where the schema has nothing (an unknown key). */
export function schemaAt(root: Schema, path: KeyPath): Schema | undefined {
  let schema: Schema | undefined = root;
  for (const [index, segment] of path.entries()) {
    const current = unwrap(schema);
    if (current instanceof z.ZodUnion) {
      // The first alternative that has something at the rest of the path is the one the user was writing.
      const rest = path.slice(index);
      for (const option of current.options) {
        const found = schemaAt(option, rest);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (current instanceof z.ZodObject)
      schema = typeof segment === 'string' ? current.shape[segment] : undefined;
    else if (current instanceof z.ZodRecord) schema = current.valueType;
    else if (current instanceof z.ZodArray)
      schema = typeof segment === 'number' ? current.element : undefined;
    else schema = undefined;
    if (schema === undefined) return undefined;
  }
  return schema;
}

/** The keys a mapping accepts, in the order the schema declares them. */
export function knownKeys(schema: Schema | undefined): string[] {
  const current = schema === undefined ? undefined : unwrap(schema);
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** What a value must look like, in words: "a number from 0 to 1", "a list of strings". */
export function describeExpected(schema: Schema | undefined): string {
  const current = schema === undefined ? undefined : unwrap(schema);
  if (current instanceof z.ZodString) return 'text';
  if (current instanceof z.ZodNumber) return describeNumber(current);
  if (current instanceof z.ZodBoolean) return 'true or false';
  if (current instanceof z.ZodLiteral) return oneOf([...current.values]);
  if (current instanceof z.ZodEnum) return oneOf(current.options);
  if (current instanceof z.ZodArray) return `a list of ${plural(current.element)}`;
  if (current instanceof z.ZodObject)
    return `a mapping with the keys ${Object.keys(current.shape).join(', ')}`;
  if (current instanceof z.ZodRecord) return 'a mapping';
  if (current instanceof z.ZodUnion)
    return current.options.map((option) => describeExpected(option)).join(' or ');
  return 'a different value';
}

/** The literal numbers or words allowed, quoted the way they are written in YAML. */
function oneOf(values: readonly unknown[]): string {
  const written = values.map((value) => (typeof value === 'string' ? JSON.stringify(value) : String(value)));
  return written.length === 1 ? written[0]! : `one of ${written.join(', ')}`;
}

function describeNumber(schema: z.ZodNumber): string {
  const { minValue, maxValue } = schema;
  const hasMin = minValue !== null && Number.isFinite(minValue);
  const hasMax = maxValue !== null && Number.isFinite(maxValue);
  if (hasMin && hasMax) return `a number from ${minValue} to ${maxValue}`;
  if (hasMin) return `a number of at least ${minValue}`;
  if (hasMax) return `a number of at most ${maxValue}`;
  return 'a number';
}

function plural(element: Schema): string {
  const current = unwrap(element);
  if (current instanceof z.ZodString) return 'strings';
  if (current instanceof z.ZodNumber) return 'numbers';
  if (current instanceof z.ZodObject || current instanceof z.ZodRecord) return 'mappings';
  return 'values';
}

/** Optional, default and nullable change whether a value may be left out, not what it must look like. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap();
  }
  return current;
}

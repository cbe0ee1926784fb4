import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, InterpolationError } from '../../electron/core/compose/interpolate';

const env: Record<string, string> = { SET: 'value', EMPTY: '', B: 'bee', NESTED: '${SET}' };
const lookup = (name: string): string | undefined => (Object.hasOwn(env, name) ? env[name] : undefined);

describe('Compose interpolation', () => {
  it.each([
    ['plain text', 'plain text'],
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['a-$SET-b', 'a-value-b'],
    ['$SET.txt', 'value.txt'],
    ['${UNSET}', ''],
    ['$UNSET', ''],
    // :- uses the default when unset or empty; - only when unset.
    ['${UNSET:-dflt}', 'dflt'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${SET:-dflt}', 'value'],
    ['${UNSET-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${SET-dflt}', 'value'],
    // :+ replaces when set and non-empty; + whenever set.
    ['${SET:+repl}', 'repl'],
    ['${EMPTY:+repl}', ''],
    ['${UNSET:+repl}', ''],
    ['${SET+repl}', 'repl'],
    ['${EMPTY+repl}', 'repl'],
    ['${UNSET+repl}', ''],
    // ? and :? pass a set value through.
    ['${SET:?needed}', 'value'],
    ['${EMPTY?needed}', ''],
    // $$ is a literal $, and what follows it is not a variable.
    ['$$', '$'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['cost: $$5', 'cost: $5'],
    // Defaults nest, and are themselves interpolated.
    ['${UNSET:-${B}}', 'bee'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-pre-${B}-post}', 'pre-bee-post'],
    ['${SET:+[${B}]}', '[bee]'],
    ['${UNSET:-$$literal}', '$literal'],
    ['${UNSET:-a:b}', 'a:b'],
    ['${UNSET:-}', ''],
    // A value is never re-interpolated.
    ['${NESTED}', '${SET}'],
    ['${SET}${B}', 'valuebee'],
  ])('%s → %s', (template, expected) => {
    expect(interpolate(template, lookup)).toBe(expected);
  });

  it("fails on a required variable, with Compose's words and the message", () => {
    expect(() => interpolate('${DB_PASSWORD:?set it}', lookup)).toThrow(
      new InterpolationError('required variable DB_PASSWORD is missing a value: set it'),
    );
    expect(() => interpolate('${EMPTY:?must not be empty}', lookup)).toThrow(
      /EMPTY is missing a value: must not be empty/,
    );
    expect(() => interpolate('${UNSET?}', lookup)).toThrow(/^required variable UNSET is missing a value$/);
  });

  it('evaluates a default only when it is used', () => {
    expect(interpolate('${SET:-${UNSET:?never read}}', lookup)).toBe('value');
    expect(() => interpolate('${UNSET:-${ALSO_UNSET:?read now}}', lookup)).toThrow(/ALSO_UNSET.*read now/);
  });

  it.each(['$', 'a $ b', '${', '${SET', '${}', '${1BAD}', '${SET:x}', '$-'])('refuses %j', (template) => {
    expect(() => interpolate(template, lookup)).toThrow(InterpolationError);
  });

  it('tells the caller about every unset variable it read', () => {
    const unset: string[] = [];
    interpolate('$A ${B2:-x} ${C-} ${SET:+$D}', lookup, (name) => unset.push(name));
    expect(unset).toEqual(['A', 'D']);
  });

  it('is the identity on any text without a $', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).map((text) => text.replaceAll('$', '')),
        (text) => interpolate(text, lookup) === text,
      ),
    );
  });

  it('turns $$ into $ for any text around it', () => {
    fc.assert(
      fc.property(fc.array(fc.string().map((text) => text.replaceAll('$', ''))), (parts) => {
        expect(interpolate(parts.join('$$'), lookup)).toBe(parts.join('$'));
      }),
    );
  });
});

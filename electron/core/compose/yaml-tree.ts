import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type YAMLError,
  visit,
} from 'yaml';
import { ComposeError, type ComposeProblem } from './compose-error';
import { formatKeyPath, type KeyPath } from './key-path';
import { setOwn } from './own-property';
import type { PlainMap, PlainValue } from './plain-value';
import { SourceMap, type SourcePos } from './source-map';

/** yaml's own default, stated here because it is our defence against "billion laughs" files. */
const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  value: PlainValue;
  sourceMap: SourceMap;
}

/**
 * Parses compose YAML with anchors, aliases and merge keys (`<<`) resolved, remembering where every key
 * path came from. We walk yaml's syntax tree ourselves instead of calling toJS() because toJS() forgets
 * positions, and every problem Parity reports must name a line. Throws ComposeError.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const posAt = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: ComposeProblem[] = [];
  const problem = (offset: number | undefined, path: KeyPath, message: string): void => {
    const pos = offset === undefined ? null : posAt(offset);
    problems.push({
      file,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      keyPath: formatKeyPath(path),
      message,
    });
  };

  // The first syntax error is the real one; yaml's later errors are usually its echoes.
  const [syntaxError] = doc.errors;
  if (syntaxError !== undefined) {
    // yaml reports a duplicate key at the key itself, other errors just after the mistake.
    const at = syntaxError.pos[0] + (syntaxError.code === 'DUPLICATE_KEY' ? 1 : 0);
    problem(syntaxError.pos[0], keyBefore(doc, at), describeYamlError(syntaxError));
    throw new ComposeError(problems);
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
  } catch (error) {
    // Only the alias guard matters here; other toJS failures are found, with positions, by the walk below.
    if (error instanceof Error && /excessive alias/i.test(error.message)) {
      // Named at the first alias, so an editor jumps to where the expansion starts.
      let firstAlias: number | undefined;
      visit(doc, {
        Alias(_key, node) {
          firstAlias = node.range?.[0];
          return visit.BREAK;
        },
      });
      problem(firstAlias, [], 'the file expands its aliases too many times to be read safely');
      throw new ComposeError(problems);
    }
  }

  const sourceMap = new SourceMap();
  const record = (path: KeyPath, key: unknown, value: unknown): void => {
    // First record wins: explicit keys are recorded before merged ones, and they are the ones that count.
    if (sourceMap.has(path)) return;
    const keyOffset = offsetOf(key);
    // A problem about a whole block (`ports:` written as a map) reads best at the block's key.
    const block = (isMap(value) || isSeq(value)) && keyOffset !== undefined;
    const valueOffset = block ? keyOffset : (offsetOf(value) ?? keyOffset);
    if (valueOffset === undefined) return;
    sourceMap.set(path, {
      key: keyOffset === undefined ? null : posAt(keyOffset),
      value: posAt(valueOffset),
    });
  };

  const build = (node: unknown, path: KeyPath, ancestors: readonly unknown[]): PlainValue => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) {
        problem(offsetOf(node), path, `the alias *${node.source} has no &${node.source} anchor before it`);
        return null;
      }
      if (ancestors.includes(target)) {
        problem(offsetOf(node), path, `the alias *${node.source} points at a block that contains it`);
        return null;
      }
      return build(target, path, ancestors);
    }
    if (isScalar(node)) return scalarValue(node.value);
    const inside = [...ancestors, node];
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        const itemPath = [...path, index];
        record(itemPath, undefined, item);
        return build(item, itemPath, inside);
      });
    }
    if (!isMap(node)) return null;
    const out: PlainMap = {};
    const mergeSources: unknown[] = [];
    for (const pair of node.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'symbol') {
        mergeSources.push(...mergeList(pair.value));
        continue;
      }
      const key = keyText(pair.key);
      if (key === undefined) {
        problem(offsetOf(pair.key), path, 'a key must be plain text, not a list or a map');
        continue;
      }
      const keyPath = [...path, key];
      record(keyPath, pair.key, pair.value);
      setOwn(out, key, build(pair.value, keyPath, inside));
    }
    // YAML merge: explicit keys win, and earlier merge sources win over later ones.
    for (const source of mergeSources) {
      const reported = problems.length;
      const merged = build(source, path, inside);
      if (problems.length > reported) continue;
      if (typeof merged !== 'object' || merged === null || Array.isArray(merged)) {
        problem(offsetOf(source), path, 'a merge key (<<) takes a map, or a list of maps, to merge in');
        continue;
      }
      for (const [key, value] of Object.entries(merged))
        if (!Object.hasOwn(out, key)) setOwn(out, key, value);
    }
    return out;
  };

  const keyText = (key: unknown): string | undefined => {
    const resolved = isAlias(key) ? key.resolve(doc) : key;
    if (!isScalar(resolved)) return undefined;
    const value = scalarValue(resolved.value);
    return typeof value === 'object' && value !== null ? undefined : String(value);
  };
  const mergeList = (value: unknown): unknown[] => {
    const resolved = isAlias(value) ? value.resolve(doc) : value;
    return isSeq(resolved) ? resolved.items : [value];
  };

  record([], undefined, doc.contents);
  const value = build(doc.contents, [], []);
  if (problems.length > 0) throw new ComposeError(problems);
  return { value, sourceMap };
}

function scalarValue(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

function offsetOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/** The map key starting last before `offset`: after a syntax error, where the reader most likely was. */
function keyBefore(doc: Document, offset: number): KeyPath {
  let best: { start: number; path: KeyPath } = { start: -1, path: [] };
  const visit = (node: unknown, path: KeyPath): void => {
    if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const start = offsetOf(pair.key);
        if (key === undefined || start === undefined) continue;
        if (start < offset && start > best.start) best = { start, path: [...path, key] };
        visit(pair.value, [...path, key]);
      }
    }
  };
  visit(doc.contents, []);
  return best.path;
}

function describeYamlError(error: YAMLError): string {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation: indent with spaces';
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same map';
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (---), and Compose reads only one';
    default:
      return `YAML syntax: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
  }
}

import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type YAMLParseError,
} from 'yaml';

/** A path into the document, as zod reports it: mapping keys and list indexes. */
export type KeyPath = readonly (string | number)[];

/** 1-based, the way editors and `file:line:col` links count. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * A YAML document that still knows where each of its values was written, so a problem found later (by the
 * schema, by a drift check) can be pointed at as `parity.yml:12:3` instead of described in the abstract.
 */
export class LocatedYaml {
  readonly doc: Document.Parsed;
  readonly #lines = new LineCounter();

  constructor(text: string) {
    // merge: `<<: *defaults` is how teams share health probes and seed settings between entries.
    // prettyErrors: without it the parser's errors carry no line and column.
    this.doc = parseDocument(text, { merge: true, prettyErrors: true, lineCounter: this.#lines });
  }

  get errors(): readonly YAMLParseError[] {
    return this.doc.errors;
  }

  /**
   * The document as plain data. `maxAliasCount` bounds how far aliases may expand (each use of an anchor
   * counts the aliases inside it), which refuses a "billion laughs" file before it takes the memory.
   */
  toJS(maxAliasCount: number): unknown {
    return this.doc.toJS({ maxAliasCount });
  }

  positionAt(offset: number): SourcePosition {
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where the node at `path` was written: its key when `target` is 'key' (an unknown key is the key's
   * fault), its value otherwise. A path that does not exist (a missing key) falls back to the key of the
   * nearest ancestor that does, and to the top of the document when there is none.
   */
  positionOf(path: KeyPath, target: 'key' | 'value'): SourcePosition {
    let node: unknown = this.doc.contents;
    let keyNode: unknown = undefined;
    for (const segment of path) {
      const step = childOf(this.doc, node, segment);
      if (step === undefined) return this.#start(keyNode ?? this.doc.contents);
      node = step.value;
      keyNode = step.key ?? keyNode;
    }
    if (target === 'key' && keyNode !== undefined) return this.#start(keyNode);
    // An empty value (`threshold:` and nothing after it) has no text of its own to point at: use its key.
    return isEmptyScalar(node) && keyNode !== undefined ? this.#start(keyNode) : this.#start(node ?? keyNode);
  }

  /**
   * The path of the keys whose values enclose `offset`, for errors the parser reports by offset. A key that
   * itself contains the offset is included only when asked (a duplicate key): after a syntax error the
   * parser's recovered keys can be fragments ("deploy@host engine"), and naming one would mislead.
   */
  keyPathAt(offset: number, includeKey: boolean): KeyPath {
    const path: (string | number)[] = [];
    let node: unknown = this.doc.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((p) => contains(p.key, offset) || contains(p.value, offset));
        if (pair === undefined || !isScalar(pair.key) || isMergeKey(pair.key)) return path;
        if (contains(pair.key, offset)) return includeKey ? [...path, String(pair.key.value)] : path;
        path.push(String(pair.key.value));
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => contains(item, offset));
        if (index < 0) return path;
        path.push(index);
        node = node.items[index];
      } else {
        return path;
      }
    }
  }

  /**
   * The first node in document order (keys before their values) that `matches`, with its path. For the
   * failures that only surface while converting to plain data, which name no position: an alias bomb, an
   * alias to an anchor never defined, a merge key given something other than a mapping.
   */
  find(matches: (node: unknown) => boolean): { path: KeyPath; position: SourcePosition } | undefined {
    const search = (
      node: unknown,
      path: KeyPath,
    ): { path: KeyPath; position: SourcePosition } | undefined => {
      if (matches(node)) return { path, position: this.#start(node) };
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = isScalar(pair.key) && !isMergeKey(pair.key) ? String(pair.key.value) : '<<';
          if (matches(pair.key)) return { path: [...path, key], position: this.#start(pair.key) };
          const found = search(pair.value, [...path, key]);
          if (found !== undefined) return found;
        }
      } else if (isSeq(node)) {
        for (const [index, item] of node.items.entries()) {
          const found = search(item, [...path, index]);
          if (found !== undefined) return found;
        }
      }
      return undefined;
    };
    return search(this.doc.contents, []);
  }

  #start(node: unknown): SourcePosition {
    const range = isNode(node) ? node.range : undefined;
    return range ? this.positionAt(range[0]) : { line: 1, column: 1 };
  }
}

/** `<<`, when merge keys are on: the parser gives it a symbol for a value so no real key can collide. */
export function isMergeKey(node: unknown): boolean {
  return isScalar(node) && typeof node.value === 'symbol';
}

interface Step {
  key: unknown;
  value: unknown;
}

/**
 * One step down the tree. Aliases are followed to the anchored node, and keys that arrive through merge
 * keys are found in the mapping they were merged from: that is where the user has to go to change them.
 * Explicit keys win over merged ones, and earlier merge sources over later ones, as in YAML's merge rules.
 */
function childOf(doc: Document.Parsed, node: unknown, segment: string | number, depth = 0): Step | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (isSeq(target)) {
    return typeof segment === 'number' && segment < target.items.length
      ? { key: undefined, value: target.items[segment] }
      : undefined;
  }
  if (!isMap(target)) return undefined;
  const merges: unknown[] = [];
  for (const pair of target.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    if (isMergeKey(pair.key)) merges.push(...(isSeq(pair.value) ? pair.value.items : [pair.value]));
    else if (String(pair.key.value) === String(segment)) return { key: pair.key, value: pair.value };
  }
  // A merge cycle is refused by the parser; the depth bound only keeps a pathological file from recursing.
  if (depth > 32) return undefined;
  for (const source of merges) {
    const found = childOf(doc, source, segment, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function contains(node: unknown, offset: number): boolean {
  if (!isNode(node) || !node.range) return false;
  const [start, , end] = node.range;
  return start <= offset && offset < Math.max(end, start + 1);
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
}

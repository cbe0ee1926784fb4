import type { KeyPath } from './key-path';

/** 1-based, as editors count. */
export interface SourcePos {
  line: number;
  column: number;
}

interface SourceEntry {
  key: SourcePos | null;
  value: SourcePos;
}

/**
 * Where each key path came from in the YAML text. Values are located after anchors, aliases and merge keys
 * are resolved, so a problem inside a merged block points at the line that holds the text to fix.
 */
export class SourceMap {
  private readonly entries = new Map<string, SourceEntry>();

  has(path: KeyPath): boolean {
    return this.entries.has(JSON.stringify(path));
  }

  set(path: KeyPath, entry: SourceEntry): void {
    this.entries.set(JSON.stringify(path), entry);
  }

  /**
   * The position of the node at `path`, or of its nearest ancestor that exists in the file (a missing key
   * is best shown where its parent is). `key` points at the key itself, for problems about the key's name.
   */
  locate(path: KeyPath, at: 'key' | 'value' = 'value'): SourcePos | null {
    for (let length = path.length; length >= 0; length--) {
      const entry = this.entries.get(JSON.stringify(path.slice(0, length)));
      if (entry === undefined) continue;
      return at === 'key' && length === path.length ? (entry.key ?? entry.value) : entry.value;
    }
    return null;
  }
}

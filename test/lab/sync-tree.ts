import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** Writes a file only when its content differs, keeping the inode a bind mount may hold. */
export function syncFile(dest: string, content: string, mode?: number): boolean {
  const changed = !existsSync(dest) || readFileSync(dest, 'utf8') !== content;
  if (changed) writeFileSync(dest, content);
  if (mode !== undefined) chmodSync(dest, mode);
  return changed;
}

/**
 * Copies a tree of text files in place, never replacing a directory: containers bind-mount
 * these, and a recreated directory would leave them looking at the deleted one.
 */
export function syncTree(
  from: string,
  to: string,
  transform: (text: string, source: string) => string = (text) => text,
): number {
  let written = 0;
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).sort()) {
    const source = join(from, name);
    const dest = join(to, name);
    const stat = statSync(source);
    if (stat.isDirectory()) written += syncTree(source, dest, transform);
    else if (syncFile(dest, transform(readFileSync(source, 'utf8'), source), stat.mode & 0o777)) written++;
  }
  return written;
}

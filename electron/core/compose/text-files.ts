import { readFile } from 'node:fs/promises';

export type TextFile =
  { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'unreadable'; reason: string };

/**
 * Reads the files a compose project refers to (its .env, env_files) up front, in parallel, so resolving
 * the model afterwards is plain synchronous code with no I/O in it.
 */
export async function readTextFiles(paths: Iterable<string>): Promise<Map<string, TextFile>> {
  const unique = [...new Set(paths)];
  const files = await Promise.all(unique.map(readTextFile));
  return new Map(unique.map((path, i) => [path, files[i] ?? { kind: 'missing' }]));
}

export async function readTextFile(path: string): Promise<TextFile> {
  try {
    return { kind: 'text', text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: code === 'EISDIR' ? 'it is a folder' : code };
  }
}

import { readFile, stat } from 'node:fs/promises';
import { decodeUtf8 } from '../contract/decode-utf8';

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
    return failedRead(error);
  }
}

/** A compose file is a few KiB; a file this large is the wrong one, and is refused before it is parsed. */
export const MAX_COMPOSE_BYTES = 1024 * 1024;

export type SourceFile =
  | TextFile
  | { kind: 'too-large'; bytes: number }
  | { kind: 'not-utf8'; byte: number; line: number; column: number };

/**
 * The compose file itself, read strictly: decoding leniently would turn a Latin-1 "é" into U+FFFD and let
 * a corrupted value reach the engine, and a 10 MB file would be parsed whole before anything is said.
 */
export async function readSourceFile(path: string): Promise<SourceFile> {
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : 0),
    () => 0,
  );
  if (size > MAX_COMPOSE_BYTES) return { kind: 'too-large', bytes: size };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failedRead(error);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { kind: 'not-utf8', byte: decoded.byte, ...decoded.position };
  return { kind: 'text', text: decoded.text };
}

function failedRead(error: unknown): TextFile {
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  return { kind: 'unreadable', reason: code === 'EISDIR' ? 'it is a folder' : code };
}

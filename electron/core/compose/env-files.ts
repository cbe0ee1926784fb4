import { resolve } from 'node:path';
import type { Diagnostics } from './diagnostics';
import { DotenvError, parseDotenv } from './dotenv';
import type { VariableLookup } from './interpolate';
import type { KeyPath } from './key-path';
import { setOwn } from './own-property';
import type { RawService } from './raw-compose';
import type { TextFile } from './text-files';

export interface EnvFileRef {
  /** Absolute: relative entries are read from the compose file's folder. */
  path: string;
  /** As the file spells it, for messages. */
  written: string;
  required: boolean;
  keyPath: KeyPath;
}

/** Both spellings of `env_file`: a path, or a list of paths and `{ path, required }` entries. */
export function envFileRefs(
  raw: RawService['env_file'],
  servicePath: KeyPath,
  projectDir: string,
): EnvFileRef[] {
  if (raw === undefined) return [];
  const keyPath = [...servicePath, 'env_file'];
  const ref = (written: string, required: boolean, at: KeyPath): EnvFileRef => ({
    path: resolve(projectDir, written),
    written,
    required,
    keyPath: at,
  });
  if (typeof raw === 'string') return [ref(raw, true, keyPath)];
  return raw.map((entry, index) =>
    typeof entry === 'string'
      ? ref(entry, true, [...keyPath, index])
      : ref(entry.path, entry.required ?? true, [...keyPath, index]),
  );
}

/**
 * The variables a service's env_files define, later files overriding earlier ones as in Compose. A
 * missing file is a problem unless it is marked `required: false`.
 */
export function readEnvFiles(
  refs: readonly EnvFileRef[],
  files: ReadonlyMap<string, TextFile>,
  lookup: VariableLookup,
  diagnostics: Diagnostics,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const ref of refs) {
    const file = files.get(ref.path) ?? { kind: 'missing' };
    if (file.kind === 'missing') {
      if (ref.required) {
        diagnostics.problem(
          ref.keyPath,
          `the env file ${ref.written} does not exist (looked for ${ref.path})`,
        );
      }
      continue;
    }
    if (file.kind === 'unreadable') {
      diagnostics.problem(ref.keyPath, `the env file ${ref.written} cannot be read (${file.reason})`);
      continue;
    }
    try {
      for (const [key, value] of Object.entries(parseDotenv(file.text, lookup))) setOwn(merged, key, value);
    } catch (error) {
      if (!(error instanceof DotenvError)) throw error;
      diagnostics.problemInFile({
        file: ref.path,
        line: error.line,
        column: error.column,
        keyPath: '',
        message: error.message,
      });
    }
  }
  return merged;
}

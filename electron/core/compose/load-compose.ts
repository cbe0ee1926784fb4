import { dirname, join, resolve } from 'node:path';
import { validateComposeSchema } from './compose-schema';
import { ComposeError, type ComposeWarning } from './compose-error';
import { Diagnostics } from './diagnostics';
import { DotenvError, parseDotenv } from './dotenv';
import { envFileRefs } from './env-files';
import type { VariableLookup } from './interpolate';
import { interpolateTree } from './interpolate-tree';
import type { ComposeModel } from './model';
import { setOwn } from './own-property';
import { reportSchemaErrors } from './schema-problems';
import { MAX_COMPOSE_BYTES, readSourceFile, readTextFile, readTextFiles, type TextFile } from './text-files';
import { resolveProject } from './resolve-project';
import { parseYaml } from './yaml-tree';

export interface LoadComposeOptions {
  /** The compose file; relative paths in it are read from its folder, where its .env is looked for too. */
  file: string;
  /** The environment to interpolate from, typically the process env, passed in on purpose. */
  env: Readonly<Record<string, string | undefined>>;
  /** Active profiles; when absent, COMPOSE_PROFILES from the environment, as in Compose. */
  profiles?: readonly string[];
  projectName?: string;
  /** Services targeted by name: Compose enables them even when their profiles are not active. */
  services?: readonly string[];
}

export interface LoadedCompose {
  model: ComposeModel;
  warnings: ComposeWarning[];
}

/**
 * Reads a compose project into Parity's model without talking to Docker: the .env beside the file, YAML
 * with anchors and merge keys, Compose interpolation, the Compose Specification schema, then the
 * meaning-level checks. Every refusal is a ComposeError listing each problem with file:line:column.
 */
export async function loadCompose(options: LoadComposeOptions): Promise<LoadedCompose> {
  const file = resolve(options.file);
  const projectDir = dirname(file);
  const dotenvPath = join(projectDir, '.env');
  const [composeFile, dotenvFile] = await Promise.all([readSourceFile(file), readTextFile(dotenvPath)]);
  if (composeFile.kind === 'not-utf8') {
    const byte = `0x${composeFile.byte.toString(16).toUpperCase().padStart(2, '0')}`;
    const message =
      `the file is not UTF-8 text: byte ${byte} here is not valid UTF-8 ` +
      '(was it saved as Latin-1 or Windows-1252?); save it as UTF-8';
    throw new ComposeError([
      { file, line: composeFile.line, column: composeFile.column, keyPath: '', message },
    ]);
  }
  if (composeFile.kind !== 'text') {
    const message =
      composeFile.kind === 'missing'
        ? 'the compose file does not exist'
        : composeFile.kind === 'too-large'
          ? `the compose file is ${composeFile.bytes} bytes, larger than the ${MAX_COMPOSE_BYTES / 1024 / 1024} MiB a compose file can be: is it the right file?`
          : `the compose file cannot be read (${composeFile.reason})`;
    throw new ComposeError([{ file, line: null, column: null, keyPath: '', message }]);
  }

  const given: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) setOwn(given, key, value);
  const environment = { ...readDotenvFile(dotenvFile, dotenvPath, given), ...given };
  const lookup: VariableLookup = (name) => (Object.hasOwn(environment, name) ? environment[name] : undefined);

  const { value: parsed, sourceMap } = parseYaml(composeFile.text, file);
  // Typed explicitly so that fail(), which never returns, narrows the types after it.
  const diagnostics: Diagnostics = new Diagnostics(file, sourceMap);
  if (parsed === null) {
    diagnostics.general('the file is empty: a compose file needs at least `services:`');
    diagnostics.fail();
  }
  const document = interpolateTree(parsed, lookup, diagnostics);
  diagnostics.throwIfProblems();

  const checked = validateComposeSchema(document);
  if ('errors' in checked) {
    reportSchemaErrors(checked.errors, document, diagnostics);
    if (diagnostics.problems.length === 0)
      diagnostics.general('the file does not follow the Compose Specification');
    diagnostics.fail();
  }
  const { raw } = checked;

  const envFilePaths = Object.entries(raw.services ?? {}).flatMap(([service, spec]) =>
    envFileRefs(spec.env_file, ['services', service], projectDir).map((ref) => ref.path),
  );
  const model = resolveProject({
    raw,
    document,
    projectDir,
    lookup,
    files: await readTextFiles(envFilePaths),
    diagnostics,
    projectName: options.projectName,
    profiles: options.profiles,
    targets: options.services ?? [],
  });
  diagnostics.throwIfProblems();
  return { model, warnings: [...diagnostics.warnings] };
}

/** The project's .env: absent is fine, unreadable or malformed is a problem in that file. */
function readDotenvFile(
  file: TextFile,
  path: string,
  given: Readonly<Record<string, string>>,
): Record<string, string> {
  if (file.kind === 'missing') return {};
  if (file.kind === 'unreadable') {
    throw new ComposeError([
      { file: path, line: null, column: null, keyPath: '', message: `cannot be read (${file.reason})` },
    ]);
  }
  try {
    return parseDotenv(file.text, (name) => (Object.hasOwn(given, name) ? given[name] : undefined));
  } catch (error) {
    if (!(error instanceof DotenvError)) throw error;
    throw new ComposeError([
      { file: path, line: error.line, column: error.column, keyPath: '', message: error.message },
    ]);
  }
}

import { open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isAlias } from 'yaml';
import { z } from 'zod';
import { type ParityContract, parityContractSchema } from '../../../shared/parity-schema';
import { ParityError } from '../parity-error';
import { ContractError, type ContractProblem, formatKeyPath } from './contract-error';
import { describeValue, problemsFromIssues } from './contract-issues';
import { decodeUtf8 } from './decode-utf8';
import { describeYamlError } from './yaml-error-words';
import { isMergeKey, LocatedYaml } from './yaml-locate';

export { findContract } from './find-contract';

export interface LoadedContract {
  /** Absolute path of parity.yml. */
  path: string;
  /** The folder holding it: `compose`, `env.template` and the lockfile are relative to it. */
  dir: string;
  /** Validated, with defaults applied. */
  contract: ParityContract;
  /** The text as read (without a byte order mark), for hashing into parity.lock and for showing. */
  source: string;
}

/** A contract is a page or two; anything this large is the wrong file, and is refused before it is read. */
const MAX_BYTES = 1024 * 1024;

/**
 * Total alias expansions allowed. A real contract uses a handful (a shared health probe, shared seed env);
 * a "billion laughs" file needs thousands.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads and validates parity.yml. Bad input (not YAML, not UTF-8, a misspelt key, a wrong value) throws a
 * ContractError listing every problem at its line and column; a missing or unreadable file throws a
 * ParityError with code 'workspace-missing'.
 */
export async function loadContract(path: string): Promise<LoadedContract> {
  const file = resolve(path);
  const bytes = await readContractFile(file);
  const { contract, source } = parseContract(bytes, file);
  return { path: file, dir: dirname(file), contract, source };
}

/**
 * The checks of loadContract on bytes or text already in memory (an editor buffer, a file from git);
 * `file` is only used to name the place of each problem.
 */
export function parseContract(
  input: Uint8Array | string,
  file: string,
): { contract: ParityContract; source: string } {
  const problem = (
    position: { line: number; column: number },
    keyPath: string,
    message: string,
  ): ContractError => new ContractError([{ file, ...position, keyPath, message }]);

  let source: string;
  if (typeof input === 'string') {
    source = input.replace(/^\uFEFF/, '');
  } else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) {
      const byte = `0x${decoded.byte.toString(16).toUpperCase().padStart(2, '0')}`;
      throw problem(
        decoded.position,
        '',
        `the file is not UTF-8 text: byte ${byte} here is not valid UTF-8 ` +
          '(was it saved as Latin-1 or Windows-1252?); save parity.yml as UTF-8',
      );
    }
    source = decoded.text;
  }

  const yaml = new LocatedYaml(source);
  if (yaml.errors.length > 0) throw new ContractError(syntaxProblems(yaml, file));

  if (yaml.doc.contents === null) {
    throw problem(
      { line: 1, column: 1 },
      '',
      'the file is empty; a contract starts with "version: 1" and "name:"',
    );
  }

  let data: unknown;
  try {
    data = yaml.toJS(MAX_ALIAS_COUNT);
  } catch (error) {
    throw conversionProblem(yaml, file, error);
  }

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw problem(
      yaml.positionOf([], 'value'),
      '',
      `the top level must be a mapping of keys ("version: 1", "name: …"), got ${describeValue(data)}`,
    );
  }

  // reportInput: every message says what was found, not only what was expected.
  const result = z.safeParse(parityContractSchema, data, { reportInput: true });
  if (!result.success) {
    throw new ContractError(
      sorted(problemsFromIssues(result.error.issues, parityContractSchema, yaml, file)),
    );
  }
  return { contract: result.data, source };
}

/**
 * The parser's errors at its own line and column. Duplicate keys are each reported; of the other errors only
 * the first, because after one syntax error the parser's recovery makes up the rest (an unclosed quote
 * swallows the lines after it, and each of those then "fails").
 */
function syntaxProblems(yaml: LocatedYaml, file: string): ContractProblem[] {
  const problems: ContractProblem[] = [];
  for (const error of yaml.errors) {
    const start = error.linePos?.[0];
    const position = start ? { line: start.line, column: start.col } : yaml.positionAt(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    const keyPath = formatKeyPath(yaml.keyPathAt(error.pos[0], duplicate));
    problems.push({ file, ...position, keyPath, message: describeYamlError(error) });
    if (!duplicate) break;
  }
  return sorted(problems);
}

/**
 * Failures the parser only finds while expanding aliases and merge keys. They carry no position, so the
 * node that caused them is looked up: the first alias for a bomb, the dangling alias, the bad merge key.
 */
function conversionProblem(yaml: LocatedYaml, file: string, error: unknown): ContractError {
  const text = error instanceof Error ? error.message : String(error);
  const at = (found: ReturnType<LocatedYaml['find']>, message: string): ContractError =>
    new ContractError([
      {
        file,
        ...(found?.position ?? { line: 1, column: 1 }),
        keyPath: formatKeyPath(found?.path ?? []),
        message,
      },
    ]);
  if (/excessive alias count/i.test(text)) {
    return at(
      yaml.find(isAlias),
      `aliases (*name) in this file expand to more than ${MAX_ALIAS_COUNT} copies; ` +
        'a contract needs only a few, so Parity refuses it (this is how "billion laughs" files exhaust memory)',
    );
  }
  if (/unresolved alias/i.test(text)) {
    return at(
      yaml.find((node) => isAlias(node) && node.resolve(yaml.doc) === undefined),
      'this alias refers to an anchor (&name) that is not defined above it',
    );
  }
  if (/merge/i.test(text)) {
    return at(yaml.find(isMergeKey), 'a merge key (<<) takes an alias of a mapping, like "<<: *defaults"');
  }
  return at(undefined, `YAML: ${text}`);
}

function sorted(problems: ContractProblem[]): ContractProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

async function readContractFile(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw unreadable(file, error);
  });
  try {
    const info = await handle.stat();
    // Opening a folder succeeds on Linux; reading it is what fails, with a less helpful message.
    if (info.isDirectory()) throw unreadable(file, { code: 'EISDIR' });
    if (info.size > MAX_BYTES) {
      throw new ContractError([
        {
          file,
          line: 1,
          column: 1,
          keyPath: '',
          message: `the file is ${(info.size / 1024 / 1024).toFixed(1)} MiB; a contract is a few hundred lines at most, so this is not one`,
        },
      ]);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** What the file system said, as a ParityError that says what to do, for the failures users cause. */
function unreadable(file: string, error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const hint = 'Run Parity in the project folder that holds parity.yml, or pass the path to it.';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ParityError('workspace-missing', `There is no parity.yml at ${file}.`, hint, {
        cause: error,
      });
    case 'EISDIR':
      return new ParityError('workspace-missing', `${file} is a folder, not a parity.yml file.`, hint, {
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
      return new ParityError(
        'workspace-missing',
        `${file} can not be read: permission denied.`,
        `Check the file's owner and permissions (ls -l ${file}).`,
        { cause: error },
      );
    default:
      return error;
  }
}

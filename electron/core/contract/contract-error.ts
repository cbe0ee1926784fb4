import { isAbsolute, relative } from 'node:path';
import { ParityError } from '../parity-error';
import type { KeyPath } from './yaml-locate';

/** One thing wrong with parity.yml, and exactly where: enough for an editor to jump to it. */
export interface ContractProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted, like `staging.hostKey` or `seed.command[1]`; empty when the whole file is at fault. */
  keyPath: string;
  message: string;
}

/** More than this many lines stops helping: the first few usually explain the rest. */
const SHOWN_PROBLEMS = 20;

/**
 * parity.yml is not a contract Parity can use. Bad input, not a failure of Parity: it carries every problem
 * found, each with its place, and its message is those places as `file:line:col` lines that terminals and
 * editors turn into links. It is never shown with a stack trace.
 */
export class ContractError extends ParityError {
  readonly problems: readonly ContractProblem[];

  constructor(problems: readonly ContractProblem[], cwd: string = process.cwd()) {
    super(
      'invalid-request',
      describe(problems, cwd),
      'Fix the lines above in parity.yml, then run Parity again.',
    );
    this.name = 'ContractError';
    this.problems = problems;
  }
}

function describe(problems: readonly ContractProblem[], cwd: string): string {
  const file = problems[0] === undefined ? 'parity.yml' : displayPath(problems[0].file, cwd);
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((problem) => formatProblem(problem, cwd));
  if (problems.length > SHOWN_PROBLEMS) lines.push(`… and ${problems.length - SHOWN_PROBLEMS} more`);
  return [`${file} is not a valid Parity contract (${count}):`, ...lines].join('\n');
}

/** `parity.yml:12:3  staging.hostKey: expected …` */
export function formatProblem(problem: ContractProblem, cwd: string = process.cwd()): string {
  const where = `${displayPath(problem.file, cwd)}:${problem.line}:${problem.column}`;
  return problem.keyPath === ''
    ? `${where}  ${problem.message}`
    : `${where}  ${problem.keyPath}: ${problem.message}`;
}

/** `seed.command[1]`, `images["api.v2"]`: the path as someone would type it to find the key. */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Relative to where the command runs when the file is below it, so the link is short and still resolves. */
function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

import { ComposeError, type ComposeProblem, type ComposeWarning } from './compose-error';
import { formatKeyPath, type KeyPath } from './key-path';
import type { SourceMap } from './source-map';

/**
 * Collects problems and warnings while a compose file is read, turning key paths into file positions, so
 * each step can report everything it finds and the loader throws once with the full list.
 */
export class Diagnostics {
  readonly problems: ComposeProblem[] = [];
  readonly warnings: ComposeWarning[] = [];

  constructor(
    private readonly file: string,
    private readonly sourceMap: SourceMap,
  ) {}

  /** `at: 'key'` points at the key's name (an unknown key); the default points at its value. */
  problem(path: KeyPath, message: string, at: 'key' | 'value' = 'value'): void {
    const pos = this.sourceMap.locate(path, at);
    this.problems.push({
      file: this.file,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      keyPath: formatKeyPath(path),
      message,
    });
  }

  /** A problem about the project as a whole (an option, the folder), with no line to point at. */
  general(message: string): void {
    this.problems.push({ file: this.file, line: null, column: null, keyPath: '', message });
  }

  /** A problem in another file the project reads (an env_file), where the position is already known. */
  problemInFile(problem: ComposeProblem): void {
    this.problems.push(problem);
  }

  warn(path: KeyPath, message: string): void {
    this.warnings.push({ path: formatKeyPath(path), message });
  }

  throwIfProblems(): void {
    if (this.problems.length > 0) this.fail();
  }

  /** Throws with the problems in reading order (file, line, column), as an editor lists them. */
  fail(): never {
    const files = [...new Set(this.problems.map((problem) => problem.file))];
    const rank = (problem: ComposeProblem): number[] => [
      files.indexOf(problem.file),
      problem.line ?? 0,
      problem.column ?? 0,
    ];
    const sorted = [...this.problems].sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      const i = ra.findIndex((value, index) => value !== rb[index]);
      return i === -1 ? 0 : (ra[i] ?? 0) - (rb[i] ?? 0);
    });
    throw new ComposeError(sorted);
  }
}

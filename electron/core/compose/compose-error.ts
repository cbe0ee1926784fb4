import { basename } from 'node:path';
import { ParityError } from '../parity-error';

/** One thing wrong with a compose project, pinned to the place a developer has to edit. */
export interface ComposeProblem {
  /** The file the problem is in: the compose file, its .env, or an env_file. */
  file: string;
  /** 1-based; null when the problem is about the file as a whole (it is missing, say). */
  line: number | null;
  column: number | null;
  /** `services.app.depends_on.db.condition`; empty when the problem has no key. */
  keyPath: string;
  message: string;
}

/** Something Parity noticed but can live with, such as a key it does not support yet. */
export interface ComposeWarning {
  path: string;
  message: string;
}

/** `docker-compose.yml:14:7  services.app.depends_on: …`, the shape editors and terminals link. */
export function formatProblem(problem: ComposeProblem): string {
  const where =
    problem.line === null
      ? basename(problem.file)
      : `${basename(problem.file)}:${problem.line}:${problem.column ?? 1}`;
  const what = problem.keyPath === '' ? problem.message : `${problem.keyPath}: ${problem.message}`;
  return `${where}  ${what}`;
}

/**
 * A compose project Parity cannot use as written. It carries every problem found in the same pass, so a
 * developer fixes them in one go instead of one per run.
 */
export class ComposeError extends ParityError {
  readonly problems: readonly ComposeProblem[];

  constructor(problems: readonly ComposeProblem[]) {
    const heading =
      problems.length === 1
        ? 'The compose file has a problem:'
        : `The compose file has ${problems.length} problems:`;
    super(
      'invalid-request',
      `${heading}\n${problems.map(formatProblem).join('\n')}`,
      'Fix the lines named above and try again; `docker compose config` shows how Compose reads the file.',
    );
    this.name = 'ComposeError';
    this.problems = problems;
  }
}

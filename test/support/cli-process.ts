import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/parity.js', import.meta.url));

export interface CliExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI as a running child: a fault test watches its output and strikes at a real point. */
export interface CliProcess {
  /** Resolves once the output so far (stdout + stderr) satisfies `seen`; rejects when the CLI exits first. */
  waitFor(
    what: string,
    seen: (output: { stdout: string; stderr: string }) => boolean,
    timeoutMs: number,
  ): Promise<void>;
  exit: Promise<CliExit>;
}

/**
 * Runs `node bin/parity.js ARGS` without blocking the test's event loop (the private registry's relay and the
 * engine event watch run in it while the CLI works). Killed with SIGKILL after `timeoutMs`.
 */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 240_000): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((listener) => listener());
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    changed();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    changed();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = new Promise<CliExit>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      changed();
      resolve({ code, stdout, stderr });
    }),
  );
  let exited = false;
  void exit.then(() => (exited = true));
  return {
    exit,
    waitFor: (what, seen, waitMs) =>
      new Promise<void>((resolve, reject) => {
        const done = (error?: Error): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = (): void => {
          if (seen({ stdout, stderr })) done();
          else if (exited || child.exitCode !== null)
            done(new Error(`parity ${args[0] ?? ''} ended before ${what}:\n${stdout}\n${stderr}`));
        };
        const timer = setTimeout(
          () => done(new Error(`no ${what} within ${waitMs / 1000}s:\n${stdout}\n${stderr}`)),
          waitMs,
        );
        listeners.add(check);
        check();
      }),
  };
}

/** Runs the CLI to its end. */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<CliExit> {
  return startCli(args, env, timeoutMs).exit;
}

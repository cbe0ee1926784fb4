import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

export interface Outcome extends RunResult {
  /** Exit code, or null when killed by a signal or never started. */
  code: number | null;
  error: string | null;
}

/** Runs a command to completion without treating a non-zero exit as an exception. */
export function runUnchecked(
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr, error: error === null ? null : error.message });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

export async function run(
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const outcome = await runUnchecked(cmd, args, options);
  if (outcome.code !== 0) {
    const detail = outcome.stderr.trim() || outcome.stdout.trim() || outcome.error || `exit ${outcome.code}`;
    throw new Error(`${cmd} ${args.join(' ')} failed: ${detail}`);
  }
  return { stdout: outcome.stdout, stderr: outcome.stderr };
}

/** Starts a daemon that outlives this script: own session, output appended to its log. */
export function spawnDetached(
  cmd: string,
  args: readonly string[],
  logFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env });
    return new Promise((resolve, reject) => {
      child.once('error', (error) => reject(new Error(`cannot start ${cmd}: ${error.message}`)));
      child.once('spawn', () => {
        child.unref();
        if (child.pid === undefined) reject(new Error(`cannot start ${cmd}: no pid`));
        else resolve(child.pid);
      });
    });
  } finally {
    closeSync(fd);
  }
}

export interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
  cmdline: string[];
}

export function procInfo(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses; the last ')' ends it.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state = '', ppid = '0'] = stat.slice(close + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((part) => part !== '');
    return { pid, ppid: Number(ppid), comm, state, cmdline };
  } catch {
    return null;
  }
}

export function listProcesses(): ProcInfo[] {
  const all: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = procInfo(Number(entry));
    if (info) all.push(info);
  }
  return all;
}

/** kill(pid, 0) succeeds on zombies, which would make a dead daemon look alive. */
export function isAlive(pid: number): boolean {
  const info = procInfo(pid);
  return info !== null && info.state !== 'Z' && info.state !== 'X';
}

export function readPidfile(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * The pid from a pidfile, but only when that process is alive and its command line
 * mentions `marker` — a stale pidfile may name a recycled pid owned by anything.
 */
export function ownedPid(pidfile: string, marker: string): number | null {
  const pid = readPidfile(pidfile);
  if (pid === null) return null;
  const info = procInfo(pid);
  if (info && info.state !== 'Z' && info.cmdline.some((arg) => arg.includes(marker))) return pid;
  rmSync(pidfile, { force: true });
  return null;
}

export function descendants(root: number, all: readonly ProcInfo[] = listProcesses()): ProcInfo[] {
  const found: ProcInfo[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const proc of all) {
      if (!parents.has(proc.pid) && parents.has(proc.ppid)) {
        parents.add(proc.pid);
        found.push(proc);
        grew = true;
      }
    }
  }
  return found;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function waitGone(pids: readonly number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** SIGTERM, a grace period, then SIGKILL for whatever is left. */
export async function terminate(pids: readonly number[], graceMs: number): Promise<void> {
  const targets = pids.filter(isAlive);
  for (const pid of targets) signal(pid, 'SIGTERM');
  const left = await waitGone(targets, graceMs);
  for (const pid of left) signal(pid, 'SIGKILL');
  const stuck = await waitGone(left, 5_000);
  if (stuck.length > 0) throw new Error(`processes ${stuck.join(', ')} survived SIGKILL`);
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a long command with its output going to a log file instead of memory. */
export function runLogged(
  cmd: string,
  args: readonly string[],
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot start ${cmd}: ${error.message}`));
      });
      child.once('exit', (code, sig) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`${cmd} failed (${sig ?? `exit ${code}`}); see ${logFile}`));
      });
    });
  } finally {
    closeSync(fd);
  }
}

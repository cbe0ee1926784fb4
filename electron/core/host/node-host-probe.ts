import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readFile, statfs } from 'node:fs/promises';
import { homedir, release, totalmem } from 'node:os';
import type { CommandResult, HostProbe } from './host-probe';

/** sysctl, sw_vers and wslpath answer in milliseconds; cmd.exe through WSL interop can take a second or two. */
const COMMAND_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface NodeHostProbeOptions {
  /** Replaces process.env for discovery and for the commands run (tests use a temporary HOME). */
  env?: Readonly<Record<string, string | undefined>>;
  homedir?: string;
}

/** The real host, read through Node's own APIs. */
export function nodeHostProbe(options: NodeHostProbeOptions = {}): HostProbe {
  const env = options.env ?? process.env;
  return {
    platform: process.platform,
    arch: process.arch,
    osRelease: release(),
    env,
    homedir: options.homedir ?? homedir(),
    totalMemoryBytes: totalmem(),
    run: (command, args) => runCommand(command, args, env),
    readFile: async (path) => {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return null;
      }
    },
    exists: async (path) => {
      try {
        await access(path, constants.F_OK);
        return true;
      } catch {
        return false;
      }
    },
    statfs: async (path) => {
      try {
        const stats = await statfs(path);
        // bavail, not bfree: blocks reserved for root are no use to an engine writing as this user.
        return stats.bavail * stats.bsize;
      } catch {
        return null;
      }
    },
  };
}

function runCommand(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<CommandResult | null> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, env, windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        // A missing program is a fact about the host (no sysctl on Linux, no cmd.exe outside WSL), not a failure.
        if (error.code === 'ENOENT') {
          resolve(null);
          return;
        }
        resolve({ code: typeof error.code === 'number' ? error.code : null, stdout, stderr });
      },
    );
  });
}

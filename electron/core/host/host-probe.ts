/**
 * Every fact the doctor learns about the machine comes through this interface, so the same checks run
 * against the real host (nodeHostProbe) and against recordings of hosts we do not have (recordedHostProbe):
 * a Mac under Rosetta, WSL2 with a .wslconfig, an Intel Mac.
 */
export interface CommandResult {
  /** Exit code; null when the command was killed (for example by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface HostProbe {
  readonly platform: NodeJS.Platform;
  /** The architecture this Node binary runs as (process.arch): x64 under Rosetta even on Apple Silicon. */
  readonly arch: string;
  /** The kernel release (os.release()): "23.5.0" on macOS 14, "5.15.153.1-microsoft-standard-WSL2" in WSL2. */
  readonly osRelease: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  readonly totalMemoryBytes: number;
  /** Runs a program without a shell; null when the program does not exist on this host. */
  run(command: string, args: readonly string[]): Promise<CommandResult | null>;
  /** The file's text, or null when it is missing or unreadable. */
  readFile(path: string): Promise<string | null>;
  exists(path: string): Promise<boolean>;
  /** Bytes available to this user on the file system holding path, or null when it cannot be measured. */
  statfs(path: string): Promise<number | null>;
}

/** How a command is named in recordings and evidence: the argv joined by single spaces. */
export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].join(' ');
}

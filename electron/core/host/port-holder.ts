import { readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanText } from '../snapshot/container-facts';

/** The process listening on a host port, as /proc tells it: enough for a person to decide what to stop. */
export interface PortHolder {
  pid: number;
  /** Its command line, control characters removed and cut short: it is shown, never run. */
  command: string;
}

const LISTEN = '0A';
const MAX_COMMAND_CHARS = 120;

/**
 * Who listens on TCP `port` on this machine (Linux only: /proc/net/tcp{,6} gives the socket's inode, a
 * process's fd folder holds `socket:[inode]`). Null when nobody visible to us does, or /proc is absent
 * (macOS, Windows), or the holder belongs to a user we may not look at: the caller then prints the command
 * that finds it instead of guessing.
 */
export async function findPortHolder(port: number, procRoot = '/proc'): Promise<PortHolder | null> {
  const inodes = new Set<string>();
  for (const table of ['net/tcp', 'net/tcp6']) {
    const text = await readFile(join(procRoot, table), 'utf8').catch(() => '');
    for (const inode of listeningInodes(text, port)) inodes.add(inode);
  }
  if (inodes.size === 0) return null;
  const pids = (await readdir(procRoot).catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    const fdDir = join(procRoot, pid, 'fd');
    const fds = await readdir(fdDir).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(join(fdDir, fd)).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode !== undefined && inodes.has(inode))
        return { pid: Number(pid), command: await commandOf(procRoot, pid) };
    }
  }
  return null;
}

/** Inodes of sockets in LISTEN on `port`, from one /proc/net/tcp table (hex ports, a header line). */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    const state = fields[3];
    const inode = fields[9];
    if (local === undefined || inode === undefined || state !== LISTEN || inode === '0') continue;
    const hexPort = local.slice(local.lastIndexOf(':') + 1);
    if (Number.parseInt(hexPort, 16) === port) inodes.push(inode);
  }
  return inodes;
}

async function commandOf(procRoot: string, pid: string): Promise<string> {
  const raw = await readFile(join(procRoot, pid, 'cmdline'), 'utf8').catch(() => '');
  const words = raw.split('\0').filter((word) => word !== '');
  const text =
    words.length > 0 ? words.join(' ') : await readFile(join(procRoot, pid, 'comm'), 'utf8').catch(() => '?');
  const clean = cleanText(text.replace(/\s+/g, ' '));
  return clean.length > MAX_COMMAND_CHARS ? `${clean.slice(0, MAX_COMMAND_CHARS - 1)}…` : clean;
}

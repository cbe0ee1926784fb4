import { join } from 'node:path';
import type { HostProbe } from './host-probe';
import { parseSize } from './units';

export interface WslFacts {
  version: 1 | 2;
  distro: string | null;
  /** Linux path of the Windows user's profile folder ("/mnt/c/Users/dev"); null when interop is off. */
  windowsHome: string | null;
  /** Where .wslconfig lives (or would live); null when the Windows profile could not be found. */
  wslConfigPath: string | null;
  wslConfigExists: boolean;
  /** Whether .wslconfig already has a [wsl2] section, so a fix edits it rather than appending one. */
  wsl2Section: boolean;
  /** The memory= line of [wsl2] as written ("4GB"), and in bytes; null when the file sets no limit. */
  memorySetting: string | null;
  memoryLimitBytes: number | null;
}

/** WSL's kernels say so in their release: "5.15.153.1-microsoft-standard-WSL2", WSL 1's "4.4.0-19041-Microsoft". */
export async function detectWsl(probe: HostProbe): Promise<{ version: 1 | 2 } | null> {
  if (probe.platform !== 'linux') return null;
  const procVersion = (await probe.readFile('/proc/version')) ?? '';
  const kernel = `${probe.osRelease} ${procVersion}`;
  if (!/microsoft/i.test(kernel) && probe.env['WSL_DISTRO_NAME'] === undefined) return null;
  return { version: /microsoft-standard|WSL2/i.test(kernel) ? 2 : 1 };
}

export async function gatherWslFacts(probe: HostProbe, version: 1 | 2): Promise<WslFacts> {
  const windowsHome = await windowsProfileDir(probe);
  const wslConfigPath = windowsHome === null ? null : join(windowsHome, '.wslconfig');
  const text = wslConfigPath === null ? null : await probe.readFile(wslConfigPath);
  const memorySetting = text === null ? null : wsl2Setting(text, 'memory');
  return {
    version,
    distro: probe.env['WSL_DISTRO_NAME'] ?? null,
    windowsHome,
    wslConfigPath,
    wslConfigExists: text !== null,
    wsl2Section: text !== null && /^\s*\[wsl2\]\s*$/im.test(text),
    memorySetting,
    memoryLimitBytes: memorySetting === null ? null : parseSize(memorySetting),
  };
}

/**
 * %USERPROFILE% lives on the Windows side, so ask Windows (cmd.exe through interop) and translate the
 * answer with wslpath; guessing /mnt/c/Users/$USER fails whenever the Linux and Windows user names differ.
 */
async function windowsProfileDir(probe: HostProbe): Promise<string | null> {
  const echoed = await probe.run('cmd.exe', ['/c', 'echo', '%USERPROFILE%']);
  const windowsPath = echoed?.code === 0 ? echoed.stdout.trim() : '';
  if (windowsPath === '' || windowsPath.includes('%')) return null;
  const translated = await probe.run('wslpath', ['-u', windowsPath]);
  const linuxPath = translated?.code === 0 ? translated.stdout.trim() : '';
  return linuxPath === '' ? null : linuxPath;
}

/** A key of the [wsl2] section; .wslconfig is an INI file Notepad usually saves with CRLF line ends. */
export function wsl2Setting(text: string, key: string): string | null {
  let inWsl2 = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section !== null) {
      inWsl2 = section[1]?.trim().toLowerCase() === 'wsl2';
      continue;
    }
    const eq = line.indexOf('=');
    if (inWsl2 && eq > 0 && line.slice(0, eq).trim().toLowerCase() === key) return line.slice(eq + 1).trim();
  }
  return null;
}

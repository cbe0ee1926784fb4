import { gatherMacFacts, type MacFacts } from './mac-facts';
import type { HostProbe } from './host-probe';
import { parseOsRelease, type OsRelease } from './os-release';
import { detectWsl, gatherWslFacts, type WslFacts } from './wsl-facts';

/** A snapshot of the host: everything the host checks read, gathered once so the checks stay pure. */
export interface HostFacts {
  platform: NodeJS.Platform;
  /** process.arch of this Node. */
  processArch: string;
  osRelease: string;
  /** "macOS 14.5", "Debian GNU/Linux 12 (bookworm)", "Windows 10.0.22631". */
  osName: string;
  /** Linux only: the distribution, to pick install commands. */
  distro: OsRelease | null;
  mac: MacFacts | null;
  wsl: WslFacts | null;
  totalMemoryBytes: number;
  workspace: WorkspaceFacts;
}

export interface WorkspaceFacts {
  dir: string;
  /** Only read when the workspace sits on a Windows drive, to print the `git clone` that moves it. */
  gitRemote: string | null;
}

/** /mnt/c, /mnt/d …: the Windows drives WSL mounts over 9P, where file I/O is many times slower. */
export const WINDOWS_DRIVE = /^\/mnt\/[a-z](\/|$)/i;

export async function gatherHostFacts(probe: HostProbe, workspaceDir: string): Promise<HostFacts> {
  const mac = probe.platform === 'darwin' ? await gatherMacFacts(probe) : null;
  const osReleaseText =
    probe.platform === 'linux'
      ? ((await probe.readFile('/etc/os-release')) ?? (await probe.readFile('/usr/lib/os-release')))
      : null;
  const distro = osReleaseText === null ? null : parseOsRelease(osReleaseText);
  const wslKind = await detectWsl(probe);
  const wsl = wslKind === null ? null : await gatherWslFacts(probe, wslKind.version);
  return {
    platform: probe.platform,
    processArch: probe.arch,
    osRelease: probe.osRelease,
    osName: osName(probe, mac, distro),
    distro,
    mac,
    wsl,
    totalMemoryBytes: probe.totalMemoryBytes,
    workspace: {
      dir: workspaceDir,
      gitRemote:
        wsl !== null && WINDOWS_DRIVE.test(workspaceDir) ? await gitRemote(probe, workspaceDir) : null,
    },
  };
}

function osName(probe: HostProbe, mac: MacFacts | null, distro: OsRelease | null): string {
  if (mac !== null) return `macOS ${mac.productVersion}`.trim();
  if (distro !== null) return distro.prettyName;
  if (probe.platform === 'win32') return `Windows ${probe.osRelease}`;
  return probe.platform;
}

async function gitRemote(probe: HostProbe, dir: string): Promise<string | null> {
  const result = await probe.run('git', ['-C', dir, 'remote', 'get-url', 'origin']);
  const url = result?.code === 0 ? result.stdout.trim() : '';
  return url === '' ? null : url;
}

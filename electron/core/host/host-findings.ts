import { basename } from 'node:path';
import { quoteArg } from '../staging/shell-quote';
import { NOTHING_TO_DO, type Evidence, type Finding } from './finding';
import { wslMemoryFix } from './engine-remedies';
import { WINDOWS_DRIVE, type HostFacts } from './host-facts';
import { RECOMMENDED_MEMORY_BYTES, RECOMMENDED_MEMORY_GIB, REPORTED_MEMORY_FLOOR_BYTES } from './thresholds';
import { formatGiB } from './units';

/** The machine itself: which OS and CPU, and the traps that come with Apple Silicon and WSL. */
export function hostFindings(host: HostFacts): Finding[] {
  return [osFinding(host), ...appleSiliconFindings(host), ...wslFindings(host)];
}

function osFinding(host: HostFacts): Finding {
  const evidence: Evidence = {
    platform: host.platform,
    arch: host.processArch,
    osRelease: host.osRelease,
    osName: host.osName,
    totalMemoryBytes: host.totalMemoryBytes,
  };
  const parts = [host.osName];
  if (host.mac !== null) {
    if (host.mac.buildVersion !== '') parts[0] = `${host.osName} (${host.mac.buildVersion})`;
    if (host.mac.cpuBrand !== null) {
      parts.push(`on ${host.mac.cpuBrand}`);
      evidence['cpu'] = host.mac.cpuBrand;
    }
  }
  return {
    kind: 'host.os',
    severity: 'info',
    message: `${parts.join(' ')}, ${host.platform}/${host.processArch}, kernel ${host.osRelease}.`,
    evidence,
    remediation: NOTHING_TO_DO,
  };
}

function appleSiliconFindings(host: HostFacts): Finding[] {
  const mac = host.mac;
  if (mac === null || !mac.appleSilicon) return [];
  const cpu = mac.cpuBrand ?? 'Apple Silicon';
  const findings: Finding[] = [
    {
      kind: 'host.apple-silicon',
      severity: 'info',
      message: `${cpu} (Apple Silicon): engines run arm64 Linux here, so images without a linux/arm64 variant run emulated.`,
      evidence: { cpu, machine: mac.machine ?? '', processArch: host.processArch },
      remediation: NOTHING_TO_DO,
    },
  ];
  if (mac.translated) {
    findings.push({
      kind: 'host.rosetta-translated',
      severity: 'warning',
      message:
        `This Node is an x64 build running under Rosetta 2 on ${cpu}: everything Parity starts runs translated and ` +
        `reports x86_64, so platform checks and image pulls pick amd64 where arm64 would run natively.`,
      evidence: { processArch: host.processArch, machine: mac.machine ?? '', procTranslated: 1, cpu },
      remediation: {
        summary:
          'Install the arm64 (Apple Silicon) build of Node and run Parity with it. `file` shows "x86_64" for the build ' +
          'you have; from an arm64 shell nvm fetches the arm64 build (without nvm: the macOS installer from nodejs.org).',
        commands: [
          'file "$(command -v node)"',
          'arch -arm64 /bin/zsh -il',
          'V="$(node -v)" && nvm deactivate && nvm uninstall "$V" && nvm install "$V"',
        ],
      },
    });
  }
  return findings;
}

function wslFindings(host: HostFacts): Finding[] {
  const wsl = host.wsl;
  if (wsl === null) return [];
  const distro = wsl.distro ?? 'this distribution';
  if (wsl.version === 1) {
    return [
      {
        kind: 'host.wsl2',
        severity: 'warning',
        message: `${distro} runs under WSL 1, which has no Linux kernel and cannot run containers.`,
        evidence: { wslVersion: 1, distro, kernel: host.osRelease },
        remediation: {
          summary: 'Convert the distribution to WSL 2 (it keeps its files).',
          commands: [`wsl.exe --set-version ${quoteArg(distro)} 2`],
        },
      },
    ];
  }
  const limit = wsl.memoryLimitBytes;
  const findings: Finding[] = [
    {
      kind: 'host.wsl2',
      severity: 'info',
      message: `WSL 2 (${distro}), kernel ${host.osRelease}, ${formatGiB(host.totalMemoryBytes)} visible to Linux.`,
      evidence: {
        wslVersion: 2,
        distro,
        kernel: host.osRelease,
        totalMemoryBytes: host.totalMemoryBytes,
        wslConfigPath: wsl.wslConfigPath ?? '',
        wslConfigMemory: wsl.memorySetting ?? '',
      },
      remediation: NOTHING_TO_DO,
    },
  ];

  const dir = host.workspace.dir;
  const drive = WINDOWS_DRIVE.exec(dir);
  if (drive !== null) {
    const target = `~/src/${quoteArg(basename(dir))}`;
    const copy =
      host.workspace.gitRemote !== null
        ? `git clone ${quoteArg(host.workspace.gitRemote)} ${target}`
        : `cp -a ${quoteArg(dir)} ${target}`;
    findings.push({
      kind: 'host.wsl-windows-fs',
      severity: 'warning',
      message:
        `The workspace ${dir} is on the Windows drive ${dir.charAt(5).toUpperCase()}:, which WSL 2 reaches over 9P: ` +
        `bind mounts and installs are many times slower and file watchers miss changes.`,
      evidence: { workspaceDir: dir, gitRemote: host.workspace.gitRemote ?? '' },
      remediation: {
        summary: 'Keep the workspace in the Linux file system (under ~) and open it from there.',
        commands: ['mkdir -p ~/src', copy, `cd ${target}`],
      },
    });
  }

  // Without a limit in .wslconfig the VM's own total is the limit; the kernel keeps a little of it back.
  const effective = limit ?? host.totalMemoryBytes;
  const low = limit !== null ? limit < RECOMMENDED_MEMORY_BYTES : effective < REPORTED_MEMORY_FLOOR_BYTES;
  if (low) {
    const where =
      limit !== null && wsl.memorySetting !== null
        ? `memory=${wsl.memorySetting} in ${wsl.wslConfigPath ?? '.wslconfig'}`
        : `the default share of Windows memory`;
    findings.push({
      kind: 'host.wsl-memory',
      severity: 'warning',
      message:
        `WSL 2 is limited to ${formatGiB(effective)} by ${where}; the engine and every container share that limit. ` +
        `${RECOMMENDED_MEMORY_GIB} GiB is recommended.`,
      evidence: {
        limitBytes: effective,
        wslConfigMemory: wsl.memorySetting ?? '',
        wslConfigPath: wsl.wslConfigPath ?? '',
        recommendedBytes: RECOMMENDED_MEMORY_BYTES,
      },
      remediation: wslMemoryFix(wsl),
    });
  }
  return findings;
}

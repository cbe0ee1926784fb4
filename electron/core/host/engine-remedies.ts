import { quoteArg } from '../staging/shell-quote';
import type { Remediation } from './finding';
import { engineKindLabel, type EngineKind } from './engine-kind';
import type { HostFacts } from './host-facts';
import { isDebianLike } from './os-release';
import { RECOMMENDED_MEMORY_GIB } from './thresholds';
import type { WslFacts } from './wsl-facts';

/**
 * The per-product "how do I fix it" knowledge, kept in one place so every finding gives the same advice for
 * the same engine. Commands are exact and runnable in the developer's shell on that host; where the only fix
 * is a settings screen the summary names the screen and the command list stays empty.
 */

const DOCKER_DESKTOP_EXE = 'C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe';

export function installEngine(host: HostFacts): Remediation {
  if (host.wsl !== null) {
    return {
      summary:
        'Install Docker Desktop on Windows and turn on Settings › Resources › WSL integration for this distribution ' +
        '(or install docker.io inside the distribution).',
      commands: ['winget.exe install -e --id Docker.DockerDesktop'],
    };
  }
  switch (host.platform) {
    case 'darwin':
      return {
        summary:
          'Install a container engine: Docker Desktop (below), or Colima (brew install colima docker && colima start), ' +
          'or OrbStack (brew install --cask orbstack).',
        commands: ['brew install --cask docker', 'open -a Docker'],
      };
    case 'win32':
      return {
        summary: 'Install Docker Desktop (WSL 2 backend).',
        commands: ['winget install -e --id Docker.DockerDesktop'],
      };
    default:
      if (host.distro !== null && isDebianLike(host.distro)) {
        return {
          summary: `Install the distribution's Docker Engine and let this user reach its socket (log in again afterwards).`,
          commands: [
            'sudo apt-get update',
            'sudo apt-get install -y docker.io',
            'sudo systemctl enable --now docker',
            'sudo usermod -aG docker "$USER"',
          ],
        };
      }
      return {
        summary:
          'Install Docker Engine or Podman from your distribution (https://docs.docker.com/engine/install/).',
        commands: [],
      };
  }
}

export function startEngine(kind: EngineKind, host: HostFacts, socket: string): Remediation {
  const label = engineKindLabel(kind);
  switch (kind) {
    case 'docker-desktop':
      if (host.wsl !== null) {
        return {
          summary: `Start Docker Desktop on Windows; check Settings › Resources › WSL integration includes ${host.wsl.distro ?? 'this distribution'}.`,
          commands: [`cmd.exe /c start "" "${DOCKER_DESKTOP_EXE}"`],
        };
      }
      if (host.platform === 'darwin')
        return { summary: 'Start Docker Desktop.', commands: ['open -a Docker'] };
      if (host.platform === 'win32') {
        return { summary: 'Start Docker Desktop.', commands: [`start "" "${DOCKER_DESKTOP_EXE}"`] };
      }
      return { summary: 'Start Docker Desktop.', commands: ['systemctl --user start docker-desktop'] };
    case 'colima':
      return { summary: `Start ${label}.`, commands: ['colima start'] };
    case 'orbstack':
      return { summary: `Start ${label}.`, commands: ['orb start'] };
    case 'rancher-desktop':
      return { summary: `Start ${label}.`, commands: ['rdctl start'] };
    case 'podman':
      if (host.platform !== 'linux')
        return { summary: 'Start the Podman machine.', commands: ['podman machine start'] };
      // The rootless socket lives under XDG_RUNTIME_DIR and belongs to a user unit; the rootful one to a system unit.
      return socket.startsWith('/run/podman/')
        ? { summary: "Start Podman's API socket.", commands: ['sudo systemctl enable --now podman.socket'] }
        : {
            summary: "Start Podman's API socket for this user.",
            commands: ['systemctl --user enable --now podman.socket'],
          };
    case 'docker-engine':
      return host.wsl !== null
        ? {
            summary:
              'Start the Docker Engine in this distribution (`service` works whether or not systemd is enabled).',
            commands: ['sudo service docker start'],
          }
        : { summary: 'Start the Docker Engine.', commands: ['sudo systemctl start docker'] };
  }
}

/** A socket this user may not open: on Linux that means joining the group that owns it. */
export function grantSocketAccess(socket: string): Remediation {
  return {
    summary: `Let this user open ${socket}: join the docker group, then log out and back in.`,
    commands: ['sudo usermod -aG docker "$USER"'],
  };
}

export function raiseEngineMemory(kind: EngineKind, host: HostFacts): Remediation {
  const gib = RECOMMENDED_MEMORY_GIB;
  switch (kind) {
    case 'colima':
      return {
        summary: `Restart Colima with ${gib} GiB.`,
        commands: ['colima stop', `colima start --memory ${gib}`],
      };
    case 'orbstack':
      return {
        summary: `Raise OrbStack's memory limit to ${gib} GiB.`,
        commands: [`orb config set memory_mib ${gib * 1024}`, 'orb stop', 'orb start'],
      };
    case 'rancher-desktop':
      if (host.wsl !== null || host.platform === 'win32') return wslMemoryFix(host.wsl);
      return {
        summary: `Give the Rancher Desktop VM ${gib} GiB (it restarts).`,
        commands: [`rdctl set --virtual-machine.memory-in-gb ${gib}`],
      };
    case 'podman':
      if (host.platform === 'darwin' || host.platform === 'win32') {
        return {
          summary: `Give the Podman machine ${gib} GiB.`,
          commands: [
            'podman machine stop',
            `podman machine set --memory ${gib * 1024}`,
            'podman machine start',
          ],
        };
      }
      return host.wsl !== null ? wslMemoryFix(host.wsl) : hostMemory();
    case 'docker-desktop':
      // With the WSL 2 backend Docker Desktop has no memory slider: .wslconfig is the only limit.
      if (host.wsl !== null || host.platform === 'win32') return wslMemoryFix(host.wsl);
      return {
        summary: `Docker Desktop › Settings › Resources › Memory: set ${gib} GB or more, then Apply & restart.`,
        commands: [],
      };
    case 'docker-engine':
      return host.wsl !== null ? wslMemoryFix(host.wsl) : hostMemory();
  }
}

function hostMemory(): Remediation {
  return {
    summary: `The engine uses this machine's memory directly: close memory-hungry programs or run on a machine with ${RECOMMENDED_MEMORY_GIB} GiB or more.`,
    commands: [],
  };
}

/** Raise WSL 2's VM limit in .wslconfig; it only applies after every WSL distribution has stopped. */
export function wslMemoryFix(wsl: WslFacts | null): Remediation {
  const setting = `memory=${RECOMMENDED_MEMORY_GIB}GB`;
  const shutdown = 'wsl.exe --shutdown';
  const path = wsl?.wslConfigPath ?? null;
  const summary = `Set ${setting} under [wsl2] in %UserProfile%\\.wslconfig, then restart WSL (this closes every WSL window).`;
  if (path === null || wsl === null) return { summary, commands: [shutdown] };
  const file = quoteArg(path);
  let edit: string;
  if (wsl.memorySetting !== null) {
    edit = `sed -i -E 's/^([[:space:]]*memory[[:space:]]*=[[:space:]]*)[0-9A-Za-z.]+/\\1${RECOMMENDED_MEMORY_GIB}GB/' ${file}`;
  } else if (wsl.wsl2Section) {
    edit = `sed -i -E '/^[[:space:]]*\\[wsl2\\]/a ${setting}' ${file}`;
  } else {
    // Windows tools write .wslconfig with CRLF; keep to that, and never glue onto an unterminated last line.
    const lead = wsl.wslConfigExists ? '\\r\\n' : '';
    edit = `printf '${lead}[wsl2]\\r\\n${setting}\\r\\n' >> ${file}`;
  }
  return { summary, commands: [edit, shutdown] };
}

export function upgradeEngine(kind: EngineKind, host: HostFacts): Remediation {
  switch (kind) {
    case 'docker-engine':
      return host.distro !== null && isDebianLike(host.distro)
        ? {
            summary:
              'Upgrade the Docker Engine package (or install Docker Engine from download.docker.com for a newer one).',
            commands: ['sudo apt-get update', 'sudo apt-get install --only-upgrade -y docker.io'],
          }
        : {
            summary: 'Upgrade the Docker Engine from your distribution or download.docker.com.',
            commands: [],
          };
    case 'podman':
      return host.platform === 'darwin'
        ? {
            summary: 'Upgrade Podman and its machine.',
            commands: ['brew upgrade podman', 'podman machine stop', 'podman machine start'],
          }
        : { summary: 'Upgrade Podman (4.x speaks API 1.41).', commands: [] };
    case 'colima':
      return {
        summary: 'Upgrade Colima; its VM brings a newer engine.',
        commands: ['brew upgrade colima', 'colima stop', 'colima start'],
      };
    case 'docker-desktop':
      return { summary: 'Update Docker Desktop (Settings › Software updates).', commands: [] };
    case 'orbstack':
      return { summary: 'Update OrbStack (menu bar › Check for Updates).', commands: [] };
    case 'rancher-desktop':
      return {
        summary: 'Update Rancher Desktop (Preferences › Application › Check for updates).',
        commands: [],
      };
  }
}

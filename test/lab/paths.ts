import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// sun_path is 108 bytes including the NUL; containerd also appends ".ttrpc" to its socket name.
const SOCKET_PATH_MAX = 107;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface EnginePaths {
  /** Long-lived files: logs, data-root. */
  dir: string;
  dataRoot: string;
  /** Runtime state; may live under the short run dir when the lab dir is deep. */
  execRoot: string;
  socket: string;
  pidfile: string;
  log: string;
}

export interface RegistryPaths {
  dir: string;
  data: string;
  config: string;
  pidfile: string;
  log: string;
}

export interface SshPaths {
  dir: string;
  hostKey: string;
  clientKey: string;
  authorizedKeys: string;
  knownHosts: string;
  config: string;
  pidfile: string;
  log: string;
}

export interface LabPaths {
  labDir: string;
  /** Short directory for sockets and exec-roots, or null when the lab dir is short enough. */
  runDir: string | null;
  cache: string;
  engine: EnginePaths;
  registry: RegistryPaths;
  staging: { dir: string; engine: EnginePaths; ssh: SshPaths; project: string };
  /** The bastion's sshd: its own host key; it authorizes staging's deploy key (paths.clientKey). */
  bastion: SshPaths;
  workspace: string;
  labJson: string;
}

function longestSocket(execRoot: string, socket: string): number {
  return Math.max(
    Buffer.byteLength(join(execRoot, 'containerd', 'containerd.sock.ttrpc')),
    Buffer.byteLength(socket),
  );
}

function enginePaths(dir: string, runBase: string | null, name: string): EnginePaths {
  const base = runBase ?? dir;
  const prefix = runBase === null ? '' : `${name}-`;
  return {
    dir,
    dataRoot: join(dir, 'data'),
    execRoot: join(base, `${prefix}exec`),
    socket: join(base, `${prefix}docker.sock`),
    pidfile: join(dir, 'docker.pid'),
    log: join(dir, 'dockerd.log'),
  };
}

export function labPaths(
  labDir: string = resolve(process.env.PARITY_LAB_DIR ?? join(REPO_ROOT, '.lab')),
): LabPaths {
  const engineDir = join(labDir, 'engine');
  const stagingDir = join(labDir, 'staging');
  const stagingEngineDir = join(stagingDir, 'engine');
  const local = enginePaths(engineDir, null, 'engine');
  const staging = enginePaths(stagingEngineDir, null, 'staging');
  const tooLong =
    Math.max(longestSocket(local.execRoot, local.socket), longestSocket(staging.execRoot, staging.socket)) >
    SOCKET_PATH_MAX;
  const runDir = tooLong
    ? `/run/parity-lab-${createHash('sha256').update(labDir).digest('hex').slice(0, 12)}`
    : null;
  const sshDir = join(stagingDir, 'ssh');
  const bastionDir = join(labDir, 'bastion', 'ssh');
  const registryDir = join(labDir, 'registry');
  return {
    labDir,
    runDir,
    cache: join(labDir, 'cache'),
    engine: runDir === null ? local : enginePaths(engineDir, runDir, 'engine'),
    registry: {
      dir: registryDir,
      data: join(registryDir, 'data'),
      config: join(registryDir, 'config.yml'),
      pidfile: join(registryDir, 'registry.pid'),
      log: join(registryDir, 'registry.log'),
    },
    staging: {
      dir: stagingDir,
      engine: runDir === null ? staging : enginePaths(stagingEngineDir, runDir, 'staging'),
      ssh: {
        dir: sshDir,
        hostKey: join(sshDir, 'ssh_host_ed25519_key'),
        clientKey: join(sshDir, 'id_ed25519'),
        authorizedKeys: join(sshDir, 'authorized_keys'),
        knownHosts: join(sshDir, 'known_hosts'),
        config: join(sshDir, 'sshd_config'),
        pidfile: join(sshDir, 'sshd.pid'),
        log: join(sshDir, 'sshd.log'),
      },
      project: join(stagingDir, 'project'),
    },
    bastion: {
      dir: bastionDir,
      hostKey: join(bastionDir, 'ssh_host_ed25519_key'),
      clientKey: join(sshDir, 'id_ed25519'),
      authorizedKeys: join(bastionDir, 'authorized_keys'),
      knownHosts: join(bastionDir, 'known_hosts'),
      config: join(bastionDir, 'sshd_config'),
      pidfile: join(bastionDir, 'sshd.pid'),
      log: join(bastionDir, 'sshd.log'),
    },
    workspace: join(labDir, 'workspace'),
    labJson: join(labDir, 'lab.json'),
  };
}

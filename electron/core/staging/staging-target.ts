import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ParityError } from '../parity-error';
import { knownHostFingerprints } from './known-hosts';
import { parseSshConfig, sshConfigFor } from './ssh-config';
import type { SshTarget } from './ssh-session';

export interface StagingTargetOptions {
  /** The contract's staging.ssh: `user@host[:port]` or an alias from ~/.ssh/config. */
  ssh: string;
  /** The pinned fingerprint (staging.hostKey, or --trust-host). */
  hostKey?: string;
  /** --identity: wins over ~/.ssh/config's IdentityFile. */
  identity?: string;
  home?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

interface Address {
  user?: string;
  host: string;
  port?: number;
}

/**
 * Resolves where and how to reach staging the way `ssh` would: ~/.ssh/config (HostName, User, Port,
 * IdentityFile, ProxyJump), the agent, known_hosts for hosts that are not pinned (a bastion). The pin
 * applies to staging itself; each bastion must be in known_hosts or is refused as unknown.
 */
export async function resolveStagingTarget(options: StagingTargetOptions): Promise<SshTarget> {
  const home = options.home ?? homedir();
  const env = options.env ?? process.env;
  const config = parseSshConfig((await readText(join(home, '.ssh', 'config'))) ?? '');
  const knownHosts = (await readText(join(home, '.ssh', 'known_hosts'))) ?? '';
  const agent = env['SSH_AUTH_SOCK'] || undefined;
  const defaultUser = env['USER'] ?? env['LOGNAME'] ?? 'root';

  const resolveHop = async (
    spec: string,
    pin: string | undefined,
    identity: string | undefined,
    depth: number,
  ): Promise<SshTarget> => {
    if (depth > 4)
      throw new ParityError('invalid-request', `ProxyJump for ${spec} nests more than four bastions.`);
    const address = parseAddress(spec);
    const entry = sshConfigFor(config, address.host);
    const host = entry.hostName ?? address.host;
    const port = address.port ?? entry.port ?? 22;
    const identityFile =
      identity ??
      (await firstReadable(
        entry.identityFiles.map((f) => expandHome(f, home)),
        home,
      ));
    const known = knownHostFingerprints(knownHosts, host, port);
    if (pin !== undefined && known.revoked.includes(pin)) {
      throw new ParityError(
        'host-key-mismatch',
        `The pinned key ${pin} for ${host}:${port} is marked @revoked in known_hosts.`,
      );
    }
    const target: SshTarget = {
      host,
      port,
      user: address.user ?? entry.user ?? defaultUser,
      hostKey: pin ?? '',
      knownHostKeys: known.keys,
      ...(identityFile === undefined ? {} : { identityFile }),
      ...(agent === undefined ? {} : { agent }),
    };
    const jump = entry.proxyJump
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (jump && jump.length > 0) {
      // `ProxyJump a,b`: a first, then b, then the target.
      let via: SshTarget | undefined;
      for (const hop of jump) {
        const resolved = await resolveHop(hop, undefined, undefined, depth + 1);
        via = via ? { ...resolved, via } : resolved;
      }
      if (via) target.via = via;
    }
    return target;
  };

  return resolveHop(options.ssh, options.hostKey, options.identity, 0);
}

export function parseAddress(spec: string): Address {
  const match = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:\s]+)(?::(\d{1,5}))?$/.exec(spec.trim());
  if (!match?.[2] || spec.startsWith('-')) {
    throw new ParityError(
      'invalid-request',
      `"${spec}" is not an SSH address: expected user@host[:port] or a host alias.`,
    );
  }
  return {
    ...(match[1] === undefined ? {} : { user: match[1] }),
    host: match[2].replace(/^\[|\]$/g, ''),
    ...(match[3] === undefined ? {} : { port: Number(match[3]) }),
  };
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/** ~/.ssh/config's IdentityFile entries, else OpenSSH's defaults, the first that exists. */
async function firstReadable(candidates: string[], home: string): Promise<string | undefined> {
  const defaults = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(home, '.ssh', name));
  for (const path of candidates.length > 0 ? candidates : defaults) {
    if ((await readText(path)) !== undefined) return path;
  }
  return undefined;
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

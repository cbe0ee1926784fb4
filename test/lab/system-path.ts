const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * dockerd, sshd, ip, iptables, useradd and debootstrap live in sbin directories that a
 * non-login shell's PATH (CI, npm scripts) may lack; children inherit the fixed PATH.
 */
export function ensureSystemPath(): void {
  const current = (process.env.PATH ?? '').split(':').filter(Boolean);
  process.env.PATH = [...current, ...SYSTEM_DIRS.filter((dir) => !current.includes(dir))].join(':');
}

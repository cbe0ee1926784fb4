/**
 * One name per CPU architecture. Engines and tools disagree on spelling: the kernel says x86_64 and
 * aarch64 (/info Architecture, uname -m), Go and OCI say amd64 and arm64 (/version Arch, image platforms),
 * Node says x64 and arm64.
 */
const ALIASES: Record<string, string> = {
  x86_64: 'amd64',
  x64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv7l: 'arm',
  armhf: 'arm',
  arm: 'arm',
  i386: '386',
  i686: '386',
  ia32: '386',
  '386': '386',
};

export function normaliseArch(arch: string): string {
  const lower = arch.trim().toLowerCase();
  return ALIASES[lower] ?? lower;
}

/** The architecture of an OCI platform string: "linux/arm64/v8" → "arm64"; null for "unknown/unknown". */
export function platformArch(platform: string): string | null {
  const [os, arch] = platform.split('/');
  if (os === undefined || arch === undefined || os === 'unknown' || arch === 'unknown') return null;
  return normaliseArch(arch);
}

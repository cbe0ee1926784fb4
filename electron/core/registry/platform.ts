/**
 * OCI platforms, normalised the way containerd compares them, so an index that says `arm64` (no variant)
 * and a contract that says `linux/arm64/v8`, or an engine that reports `aarch64`, all mean the same thing.
 */
export interface Platform {
  os: string;
  architecture: string;
  /** Always set after normalising where the architecture has a default (arm64 → v8, arm → v7). */
  variant: string;
}

const ARCH_ALIASES: Readonly<Record<string, { architecture: string; variant?: string }>> = {
  x86_64: { architecture: 'amd64' },
  'x86-64': { architecture: 'amd64' },
  aarch64: { architecture: 'arm64' },
  armhf: { architecture: 'arm', variant: 'v7' },
  armel: { architecture: 'arm', variant: 'v6' },
  i386: { architecture: '386' },
  i686: { architecture: '386' },
};

export function normalisePlatform(input: {
  os: string;
  architecture: string;
  variant?: string | undefined;
}): Platform {
  const os = input.os.toLowerCase();
  const alias = ARCH_ALIASES[input.architecture.toLowerCase()];
  const architecture = alias?.architecture ?? input.architecture.toLowerCase();
  let variant = (input.variant ?? alias?.variant ?? '').toLowerCase();
  if (/^\d+$/.test(variant)) variant = `v${variant}`;
  if (architecture === 'arm64' && (variant === '' || variant === 'v8.0')) variant = 'v8';
  if (architecture === 'arm' && variant === '') variant = 'v7';
  // amd64/v1 is plain amd64: every x86-64 CPU runs it.
  if (architecture === 'amd64' && variant === 'v1') variant = '';
  return { os, architecture, variant };
}

/** `linux/arm64` → {linux, arm64, v8}; null when the text is not os/arch[/variant]. */
export function parsePlatform(text: string): Platform | null {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) return null;
  const [os = '', architecture = '', variant] = parts;
  return normalisePlatform({ os, architecture, variant });
}

/** `linux/amd64`, `linux/arm64/v8`, `linux/arm/v7`: the key parity.lock records platforms under. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

export function samePlatform(a: Platform, b: Platform): boolean {
  return a.os === b.os && a.architecture === b.architecture && a.variant === b.variant;
}

import { existsSync } from 'node:fs';
import { isRoot, run, runUnchecked } from './proc.js';

export const LAB_PACKAGES = [
  'docker.io',
  // compose v1 (python): the benchmark's baseline and the proof that compose tools see our labels.
  'docker-compose',
  'docker-registry',
  'openssh-server',
  'openssh-client',
  'debootstrap',
  'busybox-static',
  'chromium',
  'iproute2',
  'iptables',
  'ca-certificates',
  // bench:check's baseline script (jq -S, curl /health) and bench:seed's peak-memory reader (GNU time).
  'jq',
  'curl',
  'time',
] as const;

async function missingPackages(): Promise<string[]> {
  if (!existsSync('/usr/bin/dpkg-query')) return [...LAB_PACKAGES];
  // dpkg-query exits 1 when any name is unknown, yet still prints the known ones.
  const { stdout } = await runUnchecked('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...LAB_PACKAGES]);
  const installed = new Set(
    stdout
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0]),
  );
  return LAB_PACKAGES.filter((name) => !installed.has(name));
}

/** Installs what the lab needs; a warm machine costs one dpkg-query. */
export async function ensurePackages(): Promise<string> {
  const missing = await missingPackages();
  if (missing.length === 0) return 'all present';
  const install = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot() || !existsSync('/etc/debian_version') || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `the lab needs root on Debian bookworm with these packages: ${missing.join(' ')}. Install them with: sudo sh -c '${install}'`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env, timeoutMs: 600_000 });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
    env,
    timeoutMs: 1_200_000,
  });
  const still = await missingPackages();
  if (still.length > 0) throw new Error(`apt-get could not install: ${still.join(' ')}`);
  return `installed ${missing.join(' ')}`;
}

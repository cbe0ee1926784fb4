import { quoteArg } from '../staging/shell-quote';
import type { Finding, Remediation } from './finding';
import { normaliseArch, platformArch } from './arch';
import type { DoctorImage } from './doctor-image';
import type { EngineKind } from './engine-kind';
import type { HostFacts } from './host-facts';
import { isDebianLike } from './os-release';

/**
 * An image without a variant for the engine's CPU still runs, through an emulator, slower and with
 * crashes no one sees on staging: the classic "works on my machine" of Apple Silicon laptops.
 */
export function emulationFindings(
  host: HostFacts,
  kind: EngineKind,
  engineArchitecture: string,
  images: readonly DoctorImage[],
): Finding[] {
  const engineArch = normaliseArch(engineArchitecture);
  const findings: Finding[] = [];
  for (const image of images) {
    const arches = image.platforms.map(platformArch).filter((a): a is string => a !== null);
    if (arches.length === 0 || arches.includes(engineArch)) continue;
    const imageArch = arches[0] ?? '';
    const emulator = emulatorFor(host, kind, engineArch, imageArch);
    findings.push({
      kind: 'host.emulation',
      severity: 'warning',
      message:
        `${image.ref} has no linux/${engineArch} variant (only ${image.platforms.join(', ')}), so on this ` +
        `${engineArch} engine it runs emulated by ${emulator.text}: slower, and some programs crash only there.`,
      evidence: {
        image: image.ref,
        platforms: image.platforms.join(','),
        engineArch,
        imageArch,
        emulator: emulator.id,
      },
      remediation: emulationRemedy(host, kind, image.ref, engineArch),
    });
  }
  return findings;
}

interface Emulator {
  id: 'rosetta' | 'rosetta-or-qemu' | 'qemu';
  text: string;
}

/** Which emulator runs amd64 code depends on the product: /info does not say, the product does. */
function emulatorFor(host: HostFacts, kind: EngineKind, engineArch: string, imageArch: string): Emulator {
  const qemu: Emulator = { id: 'qemu', text: 'QEMU (binfmt_misc)' };
  if (engineArch !== 'arm64' || imageArch !== 'amd64') return qemu;
  const onAppleSilicon = host.mac?.appleSilicon ?? false;
  if (kind === 'orbstack' && onAppleSilicon)
    return { id: 'rosetta', text: 'Rosetta (OrbStack uses it for amd64)' };
  if (kind === 'docker-desktop' && onAppleSilicon) {
    return {
      id: 'rosetta-or-qemu',
      text: 'Rosetta when Docker Desktop › Settings › General › "Use Rosetta for x86_64/amd64 emulation" is on, QEMU otherwise',
    };
  }
  if (kind === 'colima' && onAppleSilicon) {
    return {
      id: 'rosetta-or-qemu',
      text: 'QEMU, or Rosetta when Colima runs with --vm-type vz --vz-rosetta',
    };
  }
  return qemu;
}

function emulationRemedy(host: HostFacts, kind: EngineKind, ref: string, engineArch: string): Remediation {
  const commands = [`docker buildx imagetools inspect ${quoteArg(ref)}`];
  const nativeLinux = host.platform === 'linux' && host.wsl === null;
  const ownEngine = kind === 'docker-engine' || kind === 'podman';
  // A distribution's own engine has no emulator until qemu-user-static registers one with binfmt_misc.
  if (nativeLinux && ownEngine && host.distro !== null && isDebianLike(host.distro)) {
    commands.push('sudo apt-get install -y qemu-user-static');
  }
  return {
    summary:
      `Use an image that publishes linux/${engineArch} (a multi-arch index) and pin the index digest in parity.yml; ` +
      '`imagetools inspect` lists the platforms a tag provides.',
    commands,
  };
}

import type { FindingRemediation } from '../../../shared/drift-report-schema';
import type { Finding as HostFinding } from '../host/finding';

/**
 * The doctor already knows the fix for a host finding (which product, which settings screen, which
 * commands); the report carries it in the catalogue's shape instead of restating it here.
 */
export function hostRemediation(finding: HostFinding): FindingRemediation {
  const { summary, commands } = finding.remediation;
  return {
    id: finding.kind,
    title: finding.severity === 'info' ? 'Nothing to do' : summary,
    why: WHY[finding.kind] ?? 'The machine and its engine decide how faithfully the stack can run here.',
    steps: finding.severity === 'info' ? [] : [summary, ...commands],
    command: commands.length > 0 ? commands.join(' && ') : null,
    action: null,
  };
}

const WHY: Partial<Record<HostFinding['kind'], string>> = {
  'host.emulation': 'Images for another CPU run under emulation: slower, and some programs crash only there.',
  'host.engine-missing': 'Without a container engine nothing of the stack can run on this machine.',
  'host.engine-unreachable': 'The engine is installed but does not answer, so the stack cannot be checked.',
  'host.engine-old': 'An old engine lacks API features the stack relies on and behaves unlike staging.',
  'host.memory-low': 'With too little memory the engine kills containers (OOM) that staging keeps running.',
  'host.disk-low': 'Pulls and volumes fail half-way when the disk fills up.',
  'host.wsl-windows-fs': 'A project on the Windows file system is many times slower inside WSL2 containers.',
  'host.wsl-memory': 'WSL2 caps the memory the engine gets, below what the stack needs.',
  'host.rosetta-translated': 'A translated process picks amd64 images and tools on an arm64 machine.',
};

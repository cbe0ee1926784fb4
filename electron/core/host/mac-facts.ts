import type { CommandResult, HostProbe } from './host-probe';

export interface MacFacts {
  /** "14.5" from sw_vers. */
  productVersion: string;
  buildVersion: string;
  /** "Apple M2 Pro", "Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz"; null when sysctl did not say. */
  cpuBrand: string | null;
  /** uname -m as this process sees it: "x86_64" under Rosetta even on Apple Silicon. */
  machine: string | null;
  appleSilicon: boolean;
  /** This process runs under Rosetta 2 (sysctl.proc_translated = 1). */
  translated: boolean;
  /** Physical memory from hw.memsize, to say how much a VM could be given. */
  physicalMemoryBytes: number | null;
}

export async function gatherMacFacts(probe: HostProbe): Promise<MacFacts> {
  const [swVers, uname, translated, brand, memsize] = await Promise.all([
    probe.run('sw_vers', []),
    probe.run('uname', ['-m']),
    // Intel Macs have no such oid and sysctl exits non-zero: that means "not translated", not "unknown".
    probe.run('sysctl', ['sysctl.proc_translated']),
    probe.run('sysctl', ['machdep.cpu.brand_string']),
    probe.run('sysctl', ['hw.memsize']),
  ]);
  const fields = parseSwVers(swVers?.code === 0 ? swVers.stdout : '');
  const isTranslated = sysctlValue(translated, 'sysctl.proc_translated') === '1';
  const cpuBrand = sysctlValue(brand, 'machdep.cpu.brand_string');
  const machine = uname?.code === 0 ? uname.stdout.trim() : null;
  const memBytes = Number(sysctlValue(memsize, 'hw.memsize') ?? Number.NaN);
  return {
    productVersion: fields.get('ProductVersion') ?? '',
    buildVersion: fields.get('BuildVersion') ?? '',
    cpuBrand,
    machine,
    // Under Rosetta uname and process.arch both say x86_64; the translation flag does not lie.
    appleSilicon: isTranslated || probe.arch === 'arm64' || (cpuBrand?.startsWith('Apple') ?? false),
    translated: isTranslated,
    physicalMemoryBytes: Number.isFinite(memBytes) && memBytes > 0 ? memBytes : null,
  };
}

/**
 * `sysctl NAME` prints "NAME: value". Asked with the name (not -n) so the answer says which oid it is, and so
 * the recorded Macs replay what people published verbatim: "sysctl.proc_translated: 1" is the form they paste.
 */
function sysctlValue(result: CommandResult | null, name: string): string | null {
  if (result?.code !== 0) return null;
  const prefix = `${name}:`;
  const line = result.stdout.split(/\r?\n/).find((l) => l.startsWith(prefix));
  return line === undefined ? null : line.slice(prefix.length).trim();
}

/** sw_vers prints "ProductVersion:\t\t14.5" lines. */
function parseSwVers(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return fields;
}

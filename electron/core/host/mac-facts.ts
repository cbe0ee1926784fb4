import type { HostProbe } from './host-probe';

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
    probe.run('sysctl', ['-n', 'sysctl.proc_translated']),
    probe.run('sysctl', ['-n', 'machdep.cpu.brand_string']),
    probe.run('sysctl', ['-n', 'hw.memsize']),
  ]);
  const fields = parseSwVers(swVers?.code === 0 ? swVers.stdout : '');
  const isTranslated = translated?.code === 0 && translated.stdout.trim() === '1';
  const cpuBrand = brand?.code === 0 ? brand.stdout.trim() : null;
  const machine = uname?.code === 0 ? uname.stdout.trim() : null;
  const memBytes = memsize?.code === 0 ? Number(memsize.stdout.trim()) : Number.NaN;
  return {
    productVersion: fields.get('ProductVersion') ?? '',
    buildVersion: fields.get('BuildVersion') ?? '',
    cpuBrand,
    machine,
    // Under Rosetta uname and process.arch both say x86_64; the CPU brand and the translation flag do not lie.
    appleSilicon: isTranslated || probe.arch === 'arm64' || (cpuBrand?.startsWith('Apple') ?? false),
    translated: isTranslated,
    physicalMemoryBytes: Number.isFinite(memBytes) && memBytes > 0 ? memBytes : null,
  };
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

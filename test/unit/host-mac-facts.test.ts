import { describe, expect, it } from 'vitest';
import { gatherMacFacts } from '../../electron/core/host/mac-facts';
import { hostProbe } from '../fixtures/host/recordings';

describe('Mac facts from published sysctl, sw_vers and uname outputs', () => {
  it('Apple Silicon, native: "sysctl.proc_translated: 0"', async () => {
    expect(await gatherMacFacts(hostProbe('host-macos-arm64'))).toEqual({
      productVersion: '14.6.1',
      buildVersion: '23G93',
      cpuBrand: 'Apple M1 Max',
      machine: 'arm64',
      appleSilicon: true,
      translated: false,
      physicalMemoryBytes: 34359738368,
    });
  });

  it('Apple Silicon under Rosetta: "sysctl.proc_translated: 1" although uname says x86_64', async () => {
    const facts = await gatherMacFacts(hostProbe('host-macos-rosetta'));
    expect(facts).toMatchObject({ machine: 'x86_64', appleSilicon: true, translated: true });
  });

  it('Intel: the oid does not exist (exit 1), which means not translated', async () => {
    expect(await gatherMacFacts(hostProbe('host-macos-intel'))).toEqual({
      productVersion: '12.3.1',
      buildVersion: '21E258',
      cpuBrand: 'Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz',
      machine: 'x86_64',
      appleSilicon: false,
      translated: false,
      physicalMemoryBytes: 17179869184,
    });
  });

  it('a sysctl answer for another oid is not taken for the one asked', async () => {
    const probe = hostProbe('host-macos-rosetta', (r) => ({
      ...r,
      commands: {
        ...r.commands,
        'sysctl sysctl.proc_translated': { code: 0, stdout: 'kern.hv_vmm_present: 1\n', stderr: '' },
      },
    }));
    expect((await gatherMacFacts(probe)).translated).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../electron/core/host/doctor';
import { observeEngine } from '../../electron/core/host/engine-observation';
import type { FindingKind } from '../../electron/core/host/finding';
import { nodeHostProbe } from '../../electron/core/host/node-host-probe';

// This machine is Debian bookworm on x86_64: the real probe must say so, and nothing macOS or WSL may appear.
describe('nodeHostProbe on this Linux machine', () => {
  const probe = nodeHostProbe();

  it('reads the real host', async () => {
    expect(probe.platform).toBe('linux');
    expect(probe.arch).toBe('x64');
    expect(probe.totalMemoryBytes).toBeGreaterThan(0);
    expect(await probe.run('uname', ['-m'])).toEqual({ code: 0, stdout: 'x86_64\n', stderr: '' });
    expect(await probe.run('parity-no-such-command', [])).toBeNull();
    const failing = await probe.run('sh', ['-c', 'echo oops >&2; exit 3']);
    expect(failing).toEqual({ code: 3, stdout: '', stderr: 'oops\n' });
    expect(await probe.readFile('/etc/os-release')).toMatch(/^ID=debian$/m);
    expect(await probe.readFile('/nonexistent/file')).toBeNull();
    expect(await probe.exists('/etc/os-release')).toBe(true);
    expect(await probe.exists('/nonexistent/file')).toBe(false);
    expect(await probe.statfs('/')).toBeGreaterThan(0);
    expect(await probe.statfs('/nonexistent/dir')).toBeNull();
  });

  it('runs the doctor for real', async () => {
    const findings = await runDoctor({
      probe,
      engine: await observeEngine(probe),
      workspaceDir: process.cwd(),
      images: [],
    });
    const os = findings.find((f) => f.kind === 'host.os');
    expect(os?.message).toMatch(/^Debian GNU\/Linux 12 \(bookworm\), linux\/(x64|amd64), kernel /);
    expect(os?.evidence).toMatchObject({ platform: 'linux', arch: 'x64' });

    const foreign: FindingKind[] = [
      'host.apple-silicon',
      'host.rosetta-translated',
      'host.wsl2',
      'host.wsl-windows-fs',
      'host.wsl-memory',
    ];
    expect(findings.map((f) => f.kind).filter((k) => foreign.includes(k))).toEqual([]);
    // Whatever engine this machine has, exactly one finding says what became of it.
    const engineKinds: FindingKind[] = ['host.engine-kind', 'host.engine-missing', 'host.engine-unreachable'];
    expect(findings.filter((f) => engineKinds.includes(f.kind))).toHaveLength(1);
  });
});

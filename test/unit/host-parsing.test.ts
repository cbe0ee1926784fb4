import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseArch, platformArch } from '../../electron/core/host/arch';
import { compareApiVersions } from '../../electron/core/host/engine-findings';
import { wslMemoryFix } from '../../electron/core/host/engine-remedies';
import { isDebianLike, parseOsRelease } from '../../electron/core/host/os-release';
import { parseSize } from '../../electron/core/host/units';
import { wsl2Setting, type WslFacts } from '../../electron/core/host/wsl-facts';

describe('host parsing', () => {
  it('names one architecture however it is spelled', () => {
    expect(['x86_64', 'amd64', 'x64'].map(normaliseArch)).toEqual(['amd64', 'amd64', 'amd64']);
    expect(['aarch64', 'arm64', 'ARM64'].map(normaliseArch)).toEqual(['arm64', 'arm64', 'arm64']);
    expect(platformArch('linux/arm64/v8')).toBe('arm64');
    expect(platformArch('unknown/unknown')).toBeNull();
  });

  it('compares API versions as numbers', () => {
    expect(compareApiVersions('1.40', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('1.45', '1.41')).toBeGreaterThan(0);
    expect(compareApiVersions('1.41', '1.41')).toBe(0);
  });

  it('reads .wslconfig sizes and the [wsl2] section only', () => {
    expect(parseSize('4GB')).toBe(4 * 1024 ** 3);
    expect(parseSize('4096MB')).toBe(4 * 1024 ** 3);
    expect(parseSize('8g')).toBe(8 * 1024 ** 3);
    expect(parseSize('lots')).toBeNull();
    const text =
      '[experimental]\r\nmemory=1GB\r\n\r\n[wsl2]\r\n# memory=2GB\r\nMemory = 6GB ; six\r\nprocessors=2\r\n';
    expect(wsl2Setting(text, 'memory')).toBe('6GB');
    expect(wsl2Setting('[wsl2]\nprocessors=2\n', 'memory')).toBeNull();
  });

  it('reads /etc/os-release and recognises the Debian family', () => {
    const ubuntu = parseOsRelease('PRETTY_NAME="Ubuntu 22.04.4 LTS"\nID=ubuntu\nID_LIKE=debian\n');
    expect(ubuntu).toEqual({ prettyName: 'Ubuntu 22.04.4 LTS', id: 'ubuntu', idLike: ['debian'] });
    expect(isDebianLike(ubuntu)).toBe(true);
    expect(isDebianLike(parseOsRelease('NAME="Fedora Linux"\nID=fedora\n'))).toBe(false);
  });
});

describe('the .wslconfig edit the doctor prints', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function wsl(path: string, overrides: Partial<WslFacts>): WslFacts {
    return {
      version: 2,
      distro: 'Ubuntu-22.04',
      windowsHome: '/mnt/c/Users/dev',
      wslConfigPath: path,
      wslConfigExists: true,
      wsl2Section: true,
      memorySetting: null,
      memoryLimitBytes: null,
      ...overrides,
    };
  }

  // The commands are run for real with bash on a copy, so what we print is what works.
  function applyEdit(facts: WslFacts): void {
    const fix = wslMemoryFix(facts);
    expect(fix.commands.at(-1)).toBe('wsl.exe --shutdown');
    for (const command of fix.commands.slice(0, -1)) execFileSync('bash', ['-c', command]);
  }

  it.each([
    [
      'replaces an existing limit, keeping CRLF',
      '[wsl2]\r\nmemory=4GB\r\nprocessors=2\r\n',
      { memorySetting: '4GB' },
      '[wsl2]\r\nmemory=8GB\r\nprocessors=2\r\n',
    ],
    [
      'adds the limit to an existing [wsl2]',
      '[wsl2]\r\nprocessors=2\r\n',
      {},
      '[wsl2]\r\nmemory=8GB\nprocessors=2\r\n',
    ],
    [
      'appends a [wsl2] section',
      '[experimental]\r\nsparseVhd=true',
      { wsl2Section: false },
      '[experimental]\r\nsparseVhd=true\r\n[wsl2]\r\nmemory=8GB\r\n',
    ],
  ])('%s', (_name, before, overrides, after) => {
    dir = mkdtempSync(join(tmpdir(), 'parity-wslconfig-'));
    const path = join(dir, 'Users dev', '.wslconfig');
    execFileSync('mkdir', ['-p', join(dir, 'Users dev')]);
    writeFileSync(path, before);
    applyEdit(wsl(path, overrides));
    expect(readFileSync(path, 'utf8')).toBe(after);
  });

  it('creates .wslconfig when there is none', () => {
    dir = mkdtempSync(join(tmpdir(), 'parity-wslconfig-'));
    const path = join(dir, '.wslconfig');
    applyEdit(wsl(path, { wslConfigExists: false, wsl2Section: false }));
    expect(readFileSync(path, 'utf8')).toBe('[wsl2]\r\nmemory=8GB\r\n');
    expect(wsl2Setting(readFileSync(path, 'utf8'), 'memory')).toBe('8GB');
  });
});

import { describe, expect, it } from 'vitest';
import { normaliseArch } from '../../electron/core/host/arch';
import { parseEngineInfo } from '../../electron/core/host/engine-info';
import { parseEngineVersion } from '../../electron/core/host/engine-version';
import { engineRecording, engineRecordingNames } from '../fixtures/host/recordings';

/** The " Key: value" lines of `docker info` text (the CLI indents the Server section's keys by one space). */
function dockerInfoLines(text: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^ ([A-Za-z][A-Za-z ]*?): (.+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) lines.set(match[1], match[2]);
  }
  return lines;
}

/** How the docker CLI prints MemTotal: go-units BytesSize, "%.4g" of the value in binary units. */
function dockerBytesSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${Number(size.toPrecision(4))}${units[unit] ?? ''}`;
}

const fromText = engineRecordingNames().filter((name) => engineRecording(name).dockerInfo !== undefined);

describe('engine recordings taken from `docker info` text', () => {
  it('there are some', () => {
    expect(fromText).toEqual([
      'engine-colima-macos-arm64',
      'engine-orbstack-macos-arm64',
      'engine-rancher-desktop-macos-arm64',
      'engine-rancher-desktop-macos-intel',
    ]);
  });

  it('prints memory the way the docker CLI does (the cases of go-units TestBytesSize)', () => {
    expect(dockerBytesSize(1024)).toBe('1KiB');
    expect(dockerBytesSize(2 * 1024 ** 2)).toBe('2MiB');
    expect(dockerBytesSize(3.42 * 1024 ** 3)).toBe('3.42GiB');
    expect(dockerBytesSize(5.372 * 1024 ** 4)).toBe('5.372TiB');
  });

  it.each(fromText)('%s: /info and /version say what the captured text says', (name) => {
    const recording = engineRecording(name);
    const text = dockerInfoLines(recording.dockerInfo ?? '');
    const info = parseEngineInfo(recording.info);
    const version = parseEngineVersion('/captured.sock', recording.version);
    expect({
      name: info.name,
      operatingSystem: info.operatingSystem,
      osType: info.osType,
      architecture: info.architecture,
      cpus: String(info.cpus),
      memory: dockerBytesSize(info.memTotalBytes),
      kernelVersion: info.kernelVersion,
      serverVersion: info.serverVersion,
      dockerRootDir: info.dockerRootDir,
    }).toEqual({
      name: text.get('Name'),
      operatingSystem: text.get('Operating System'),
      osType: text.get('OSType'),
      architecture: text.get('Architecture'),
      cpus: text.get('CPUs'),
      memory: text.get('Total Memory'),
      kernelVersion: text.get('Kernel Version'),
      serverVersion: text.get('Server Version'),
      dockerRootDir: text.get('Docker Root Dir'),
    });
    expect(version.version).toBe(text.get('Server Version'));
    expect(version.kernelVersion).toBe(text.get('Kernel Version'));
    expect(normaliseArch(version.arch)).toBe(normaliseArch(info.architecture));
  });
});

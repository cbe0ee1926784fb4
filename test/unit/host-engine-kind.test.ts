import { describe, expect, it } from 'vitest';
import { parseEngineInfo } from '../../electron/core/host/engine-info';
import { classifyEngine, kindFromSocketPath, type EngineKind } from '../../electron/core/host/engine-kind';
import { parseEngineVersion } from '../../electron/core/host/engine-version';
import { engineRecording } from '../fixtures/host/recordings';

describe('engine kind from recorded /version and /info', () => {
  it.each<[string, EngineKind]>([
    ['engine-docker-desktop-macos-arm64', 'docker-desktop'],
    ['engine-docker-desktop-wsl2', 'docker-desktop'],
    ['engine-podman-linux', 'podman'],
    ['engine-podman-4-centos', 'podman'],
    ['engine-colima-macos-intel', 'colima'],
    ['engine-colima-macos-arm64', 'colima'],
    ['engine-orbstack-macos-arm64', 'orbstack'],
    ['engine-rancher-desktop-macos-arm64', 'rancher-desktop'],
    ['engine-rancher-desktop-macos-intel', 'rancher-desktop'],
    ['engine-docker-engine-linux', 'docker-engine'],
  ])('%s is %s', (name, kind) => {
    const recording = engineRecording(name);
    const version = parseEngineVersion('/test.sock', recording.version);
    const info = parseEngineInfo(recording.info);
    expect(classifyEngine(version, info)).toBe(kind);
  });

  it('keeps what the contract needs from /version and what only /version tells', () => {
    const recording = engineRecording('engine-podman-linux');
    expect(parseEngineVersion('/run/user/1000/podman/podman.sock', recording.version)).toEqual({
      socket: '/run/user/1000/podman/podman.sock',
      version: '4.3.1',
      apiVersion: '1.41',
      minApiVersion: '1.24',
      os: 'linux',
      arch: 'amd64',
      kernelVersion: '6.1.0-21-amd64',
      platformName: 'linux/amd64/debian-12',
      components: ['Podman Engine', 'Conmon', 'OCI Runtime (crun)'],
    });
  });

  it('a Colima profile other than default is still Colima', () => {
    const recording = engineRecording('engine-colima-macos-intel');
    const version = parseEngineVersion('/x.sock', recording.version);
    const info = { ...parseEngineInfo(recording.info), name: 'colima-work' };
    expect(classifyEngine(version, info)).toBe('colima');
  });

  it('rejects an /info answer without the fields the doctor reads', () => {
    expect(() => parseEngineInfo({ Name: 'docker-desktop' })).toThrow();
  });

  it.each<[string, NodeJS.Platform, EngineKind]>([
    ['/Users/dev/.colima/default/docker.sock', 'darwin', 'colima'],
    ['/Users/dev/.orbstack/run/docker.sock', 'darwin', 'orbstack'],
    ['/Users/dev/.rd/docker.sock', 'darwin', 'rancher-desktop'],
    ['/Users/dev/.docker/run/docker.sock', 'darwin', 'docker-desktop'],
    ['/var/run/docker.sock', 'darwin', 'docker-desktop'],
    ['/var/run/docker.sock', 'linux', 'docker-engine'],
    ['/run/user/1000/podman/podman.sock', 'linux', 'podman'],
    ['/run/podman/podman.sock', 'linux', 'podman'],
  ])('an unanswering socket at %s on %s is taken for %s', (path, platform, kind) => {
    expect(kindFromSocketPath(path, platform)).toBe(kind);
  });
});

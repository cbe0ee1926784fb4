import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../electron/core/host/doctor';
import type { DoctorImage } from '../../electron/core/host/doctor-image';
import { parseEngineInfo } from '../../electron/core/host/engine-info';
import { parseEngineVersion } from '../../electron/core/host/engine-version';
import type { Finding, FindingKind } from '../../electron/core/host/finding';
import { GIB } from '../../electron/core/host/units';
import { engineOn, engineRecording, hostProbe } from '../fixtures/host/recordings';

const POSTGRES: DoctorImage = {
  ref: 'postgres:16-alpine@sha256:1f9ad1bfe4d3a4a4d8a0c8f3b0d0e6a3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7',
  platforms: ['linux/amd64', 'linux/arm64/v8', 'unknown/unknown'],
  sizeBytes: 250_000_000,
};
const AMD64_ONLY: DoctorImage = {
  ref: 'registry.acme.dev/legacy-worker@sha256:8d3c5b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c',
  platforms: ['linux/amd64'],
  sizeBytes: 900_000_000,
};
const ARM64_ONLY: DoctorImage = { ref: 'registry.acme.dev/edge-agent:1.4', platforms: ['linux/arm64'] };

function kinds(findings: Finding[]): FindingKind[] {
  return findings.map((f) => f.kind);
}

function one(findings: Finding[], kind: FindingKind): Finding {
  const matching = findings.filter((f) => f.kind === kind);
  expect(matching, `exactly one ${kind}`).toHaveLength(1);
  return matching[0] as Finding;
}

describe('host doctor on recorded hosts', () => {
  it('macOS on Apple Silicon, native Node, Docker Desktop: only the amd64-only image is flagged', async () => {
    const probe = hostProbe('host-macos-arm64');
    const findings = await runDoctor({
      probe,
      engine: await engineOn(probe, 'engine-docker-desktop-macos-arm64'),
      workspaceDir: '/Users/dev/src/acme-web',
      images: [POSTGRES, AMD64_ONLY],
    });

    expect(kinds(findings)).toEqual(['host.os', 'host.apple-silicon', 'host.engine-kind', 'host.emulation']);
    expect(one(findings, 'host.os').message).toBe(
      'macOS 14.6.1 (23G93) on Apple M1 Max, darwin/arm64, kernel 23.6.0.',
    );
    const engine = one(findings, 'host.engine-kind');
    expect(engine.severity).toBe('info');
    expect(engine.evidence).toMatchObject({
      engineKind: 'docker-desktop',
      socket: '/Users/dev/.docker/run/docker.sock',
      origin: 'docker context "desktop-linux"',
      architecture: 'aarch64',
    });
    expect(engine.message).toContain('Docker Desktop 4.49.0 (208700)');
    const emulation = one(findings, 'host.emulation');
    expect(emulation.evidence).toMatchObject({
      image: AMD64_ONLY.ref,
      engineArch: 'arm64',
      imageArch: 'amd64',
      emulator: 'rosetta-or-qemu',
    });
    expect(emulation.message).toContain('Use Rosetta for x86_64/amd64 emulation');
    expect(emulation.remediation.commands).toEqual([`docker buildx imagetools inspect ${AMD64_ONLY.ref}`]);
  });

  it('macOS under Rosetta: the translated Node is a warning with the arm64 fix', async () => {
    const probe = hostProbe('host-macos-rosetta');
    const findings = await runDoctor({
      probe,
      engine: await engineOn(probe, 'engine-docker-desktop-macos-arm64'),
      workspaceDir: '/Users/dev/src/acme-web',
      images: [POSTGRES],
    });

    expect(kinds(findings)).toEqual([
      'host.os',
      'host.apple-silicon',
      'host.rosetta-translated',
      'host.engine-kind',
    ]);
    expect(one(findings, 'host.os').message).toContain('darwin/x64');
    const rosetta = one(findings, 'host.rosetta-translated');
    expect(rosetta.severity).toBe('warning');
    expect(rosetta.evidence).toMatchObject({ processArch: 'x64', machine: 'x86_64', procTranslated: 1 });
    expect(rosetta.remediation.summary).toContain('arm64');
    expect(rosetta.remediation.commands).toContain('arch -arm64 /bin/zsh -il');
  });

  it('OrbStack on Apple Silicon runs amd64 images with Rosetta', async () => {
    const recording = engineRecording('engine-orbstack-macos-arm64');
    const socket = '/Users/dev/.orbstack/run/docker.sock';
    const findings = await runDoctor({
      probe: hostProbe('host-macos-arm64'),
      engine: {
        version: parseEngineVersion(socket, recording.version),
        info: parseEngineInfo(recording.info),
      },
      workspaceDir: '/Users/dev/src/acme-web',
      images: [AMD64_ONLY],
    });
    expect(one(findings, 'host.engine-kind').evidence['engineKind']).toBe('orbstack');
    expect(one(findings, 'host.emulation').evidence['emulator']).toBe('rosetta');
  });

  it('Colima on Apple Silicon (captured `docker info`): amd64-only runs under QEMU or Rosetta, 1.9 GiB is too small', async () => {
    const recording = engineRecording('engine-colima-macos-arm64');
    const socket = '/Users/dev/.colima/default/docker.sock';
    const findings = await runDoctor({
      probe: hostProbe('host-macos-arm64'),
      engine: {
        version: parseEngineVersion(socket, recording.version),
        info: parseEngineInfo(recording.info),
      },
      workspaceDir: '/Users/dev/src/acme-web',
      images: [POSTGRES, AMD64_ONLY],
    });
    expect(one(findings, 'host.engine-kind').evidence).toMatchObject({
      engineKind: 'colima',
      architecture: 'aarch64',
    });
    const emulation = one(findings, 'host.emulation');
    expect(emulation.evidence).toMatchObject({
      image: AMD64_ONLY.ref,
      engineArch: 'arm64',
      emulator: 'rosetta-or-qemu',
    });
    expect(emulation.message).toContain('--vz-rosetta');
    const memory = one(findings, 'host.memory-low');
    expect(memory.message).toBe(
      'The Colima engine has 1.9 GiB of memory; 8 GiB is recommended for a stack with a database (this Mac has 32.0 GiB).',
    );
    expect(memory.remediation.commands).toEqual(['colima stop', 'colima start --memory 8']);
  });

  it('macOS on Intel with Colima: no Apple Silicon findings, 2 GiB Colima is too small, arm64-only runs under QEMU', async () => {
    const probe = hostProbe('host-macos-intel');
    const findings = await runDoctor({
      probe,
      engine: await engineOn(probe, 'engine-colima-macos-intel'),
      workspaceDir: '/Users/dev/src/acme-web',
      images: [POSTGRES, ARM64_ONLY],
    });

    expect(kinds(findings)).toEqual(['host.os', 'host.engine-kind', 'host.emulation', 'host.memory-low']);
    expect(one(findings, 'host.os').message).toContain(
      'on Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz, darwin/x64',
    );
    expect(one(findings, 'host.engine-kind').evidence).toMatchObject({
      engineKind: 'colima',
      origin: 'docker context "colima"',
      socket: '/Users/dev/.colima/default/docker.sock',
    });
    const emulation = one(findings, 'host.emulation');
    expect(emulation.evidence).toMatchObject({
      image: ARM64_ONLY.ref,
      engineArch: 'amd64',
      emulator: 'qemu',
    });
    const memory = one(findings, 'host.memory-low');
    expect(memory.severity).toBe('warning');
    expect(memory.message).toBe(
      'The Colima engine has 1.9 GiB of memory; 8 GiB is recommended for a stack with a database (this Mac has 16.0 GiB).',
    );
    expect(memory.remediation.commands).toEqual(['colima stop', 'colima start --memory 8']);
  });

  it('macOS on Intel with Rancher Desktop (captured `docker info`): arm64-only runs under QEMU, 3.8 GiB is too small', async () => {
    const recording = engineRecording('engine-rancher-desktop-macos-intel');
    const socket = '/Users/dev/.rd/docker.sock';
    const findings = await runDoctor({
      probe: hostProbe('host-macos-intel'),
      engine: {
        version: parseEngineVersion(socket, recording.version),
        info: parseEngineInfo(recording.info),
      },
      workspaceDir: '/Users/dev/src/acme-web',
      images: [POSTGRES, ARM64_ONLY],
    });
    expect(kinds(findings)).toEqual(['host.os', 'host.engine-kind', 'host.emulation', 'host.memory-low']);
    expect(one(findings, 'host.engine-kind').evidence).toMatchObject({
      engineKind: 'rancher-desktop',
      architecture: 'x86_64',
    });
    expect(one(findings, 'host.emulation').evidence).toMatchObject({
      image: ARM64_ONLY.ref,
      engineArch: 'amd64',
      imageArch: 'arm64',
      emulator: 'qemu',
    });
    expect(one(findings, 'host.memory-low').remediation.commands).toEqual([
      'rdctl set --virtual-machine.memory-in-gb 8',
    ]);
  });

  it('Windows/WSL2 with the workspace on C: and a 4GB .wslconfig', async () => {
    const probe = hostProbe('host-wsl2-ubuntu');
    const workspaceDir = '/mnt/c/Users/dev/src/acme-web';
    const findings = await runDoctor({
      probe,
      engine: await engineOn(probe, 'engine-docker-desktop-wsl2'),
      workspaceDir,
      images: [POSTGRES, { ...AMD64_ONLY, sizeBytes: 19 * GIB }],
    });

    expect(kinds(findings)).toEqual([
      'host.os',
      'host.wsl2',
      'host.wsl-windows-fs',
      'host.wsl-memory',
      'host.engine-kind',
      'host.memory-low',
      'host.disk-low',
    ]);
    expect(one(findings, 'host.os').message).toBe(
      'Ubuntu 22.04.4 LTS, linux/x64, kernel 6.6.87.2-microsoft-standard-WSL2.',
    );
    expect(one(findings, 'host.wsl2').evidence).toMatchObject({
      distro: 'Ubuntu',
      wslConfigPath: '/mnt/c/Users/dev/.wslconfig',
      wslConfigMemory: '4GB',
    });

    const windowsFs = one(findings, 'host.wsl-windows-fs');
    expect(windowsFs.severity).toBe('warning');
    expect(windowsFs.message).toContain('Windows drive C:');
    expect(windowsFs.remediation.commands).toEqual([
      'mkdir -p ~/src',
      'git clone git@github.com:acme/acme-web.git ~/src/acme-web',
      'cd ~/src/acme-web',
    ]);

    const wslMemory = one(findings, 'host.wsl-memory');
    expect(wslMemory.severity).toBe('warning');
    expect(wslMemory.evidence).toMatchObject({ limitBytes: 4 * GIB, wslConfigMemory: '4GB' });
    expect(wslMemory.message).toContain('memory=4GB in /mnt/c/Users/dev/.wslconfig');
    expect(wslMemory.remediation.commands.at(-1)).toBe('wsl.exe --shutdown');
    expect(wslMemory.remediation.commands[0]).toContain('/mnt/c/Users/dev/.wslconfig');

    expect(one(findings, 'host.engine-kind').evidence).toMatchObject({
      engineKind: 'docker-desktop',
      socket: '/var/run/docker.sock',
      origin: 'known path',
    });
    // Docker Desktop's WSL 2 backend has no memory slider: the fix is the same .wslconfig edit.
    expect(one(findings, 'host.memory-low').remediation).toEqual(wslMemory.remediation);
    // The engine's data lives in Docker Desktop's own disk image, so free space is measured at the workspace.
    const disk = one(findings, 'host.disk-low');
    expect(disk.severity).toBe('error');
    expect(disk.evidence).toMatchObject({ path: workspaceDir, basis: 'workspace', freeBytes: 20 * GIB });
  });

  it('Linux with the Debian Docker Engine: arm64-only image needs QEMU, disk measured at the data root', async () => {
    const probe = hostProbe('host-linux-debian');
    const findings = await runDoctor({
      probe,
      engine: await engineOn(probe, 'engine-docker-engine-linux'),
      workspaceDir: '/work/main',
      images: [
        POSTGRES,
        ARM64_ONLY,
        { ref: 'registry.acme.dev/ml-models:2024', platforms: [], sizeBytes: 80 * GIB },
      ],
    });

    expect(kinds(findings)).toEqual(['host.os', 'host.engine-kind', 'host.emulation', 'host.disk-low']);
    expect(one(findings, 'host.os').message).toBe(
      'Debian GNU/Linux 12 (bookworm), linux/x64, kernel 6.18.44-fc-v595.',
    );
    expect(one(findings, 'host.engine-kind').evidence).toMatchObject({
      engineKind: 'docker-engine',
      origin: 'DOCKER_HOST',
      apiVersion: '1.41',
    });
    expect(one(findings, 'host.emulation').remediation.commands).toContain(
      'sudo apt-get install -y qemu-user-static',
    );
    const disk = one(findings, 'host.disk-low');
    expect(disk.evidence).toMatchObject({
      basis: 'engine-data-root',
      path: '/work/main/.lab/engine/data',
      freeBytes: 83445374976,
      neededBytes: 250_000_000 + 80 * GIB + 2 * GIB,
    });
    expect(disk.remediation.commands).toEqual([
      'docker system df',
      'docker image prune',
      'docker builder prune',
    ]);
  });

  it('an engine below API 1.41 is a warning with the upgrade', async () => {
    const recording = engineRecording('engine-podman-4-centos');
    const findings = await runDoctor({
      probe: hostProbe('host-linux-debian'),
      engine: {
        version: parseEngineVersion('/run/user/1000/podman/podman.sock', recording.version),
        info: parseEngineInfo(recording.info),
      },
      workspaceDir: '/work/main',
      images: [],
    });
    const old = one(findings, 'host.engine-old');
    expect(old.severity).toBe('warning');
    expect(old.message).toBe('Podman 4.1.1 speaks Docker API 1.40; Parity needs 1.41 or newer.');
  });

  it.each([
    ['host-linux-debian', 'sudo apt-get install -y docker.io'],
    ['host-macos-arm64', 'brew install --cask docker'],
    ['host-macos-intel', 'brew install --cask docker'],
    ['host-wsl2-ubuntu', 'winget.exe install -e --id Docker.DockerDesktop'],
  ])('no engine socket on %s: engine-missing says how to install one (%s)', async (host, command) => {
    const probe = hostProbe(host, (r) => ({ ...r, paths: [] }));
    const findings = await runDoctor({
      probe,
      engine: await engineOn(probe, 'engine-docker-engine-linux'),
      workspaceDir: '/nowhere',
      images: [],
    });
    const missing = one(findings, 'host.engine-missing');
    expect(missing.severity).toBe('error');
    expect(missing.remediation.commands).toContain(command);
    expect(kinds(findings)).not.toContain('host.engine-kind');
  });

  it('a socket that refuses to talk is unreachable, with the start command of the product it belongs to', async () => {
    const probe = hostProbe('host-macos-intel');
    const findings = await runDoctor({
      probe,
      engine: {
        error: {
          reason: 'unreachable',
          socket: '/Users/dev/.colima/default/docker.sock',
          origin: 'docker context "colima"',
          kind: 'colima',
          detail:
            'No engine answers at /Users/dev/.colima/default/docker.sock: nothing is listening on the socket.',
          errno: 'ECONNREFUSED',
        },
      },
      workspaceDir: '/Users/dev/src/acme-web',
      images: [],
    });
    const unreachable = one(findings, 'host.engine-unreachable');
    expect(unreachable.remediation.commands).toEqual(['colima start']);
    expect(unreachable.message).toContain("Colima's socket /Users/dev/.colima/default/docker.sock exists");
  });

  it('a socket this user may not open is fixed by group membership, not by starting the engine', async () => {
    const findings = await runDoctor({
      probe: hostProbe('host-linux-debian'),
      engine: {
        error: {
          reason: 'unreachable',
          socket: '/var/run/docker.sock',
          origin: 'known path',
          kind: 'docker-engine',
          detail: 'No engine answers at /var/run/docker.sock: this user may not open the socket.',
          errno: 'EACCES',
        },
      },
      workspaceDir: '/work/main',
      images: [],
    });
    expect(one(findings, 'host.engine-unreachable').remediation.commands).toEqual([
      'sudo usermod -aG docker "$USER"',
    ]);
  });
});

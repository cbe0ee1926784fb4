import { z } from 'zod';
import { unixSocketFetch, type EngineFetch } from '../engine/engine-fetch';

/**
 * The part of GET /info the doctor reads. Podman's compatible API fills the same fields (with its own
 * spellings: Architecture "amd64" where Docker says "x86_64"), so one schema serves every engine.
 */
const infoSchema = z.object({
  Name: z.string().default(''),
  OperatingSystem: z.string(),
  OSType: z.string().default('linux'),
  Architecture: z.string(),
  MemTotal: z.number().nonnegative(),
  NCPU: z.number().int().nonnegative().default(0),
  DockerRootDir: z.string().default(''),
  KernelVersion: z.string().default(''),
  ServerVersion: z.string().default(''),
});

export interface EngineInfo {
  /** The engine host's name: "docker-desktop", "colima", "lima-rancher-desktop", or a machine's hostname. */
  name: string;
  operatingSystem: string;
  osType: string;
  architecture: string;
  memTotalBytes: number;
  cpus: number;
  dockerRootDir: string;
  kernelVersion: string;
  serverVersion: string;
}

export function parseEngineInfo(body: unknown): EngineInfo {
  const info = infoSchema.parse(body);
  return {
    name: info.Name,
    operatingSystem: info.OperatingSystem,
    osType: info.OSType,
    architecture: info.Architecture,
    memTotalBytes: info.MemTotal,
    cpus: info.NCPU,
    dockerRootDir: info.DockerRootDir,
    kernelVersion: info.KernelVersion,
    serverVersion: info.ServerVersion,
  };
}

export async function fetchEngineInfo(
  socketPath: string,
  fetch: EngineFetch = unixSocketFetch,
): Promise<EngineInfo> {
  return parseEngineInfo(await fetch(socketPath, '/info'));
}

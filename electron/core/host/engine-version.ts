import { z } from 'zod';
import type { EngineVersion } from '../../../shared/contract';
import { unixSocketFetch, type EngineFetch } from '../engine/engine-fetch';

const versionSchema = z.object({
  Platform: z.object({ Name: z.string() }).optional(),
  Components: z.array(z.object({ Name: z.string() })).default([]),
  Version: z.string(),
  ApiVersion: z.string(),
  MinAPIVersion: z.string(),
  Os: z.string(),
  Arch: z.string(),
  KernelVersion: z.string(),
});

/**
 * The contract's EngineVersion plus what only /version tells apart: Podman names itself in Components
 * ("Podman Engine"), Docker Desktop in Platform.Name ("Docker Desktop 4.30.0 (149282)").
 */
export interface EngineVersionFacts extends EngineVersion {
  platformName: string;
  components: string[];
}

export function parseEngineVersion(socket: string, body: unknown): EngineVersionFacts {
  const v = versionSchema.parse(body);
  return {
    socket,
    version: v.Version,
    apiVersion: v.ApiVersion,
    minApiVersion: v.MinAPIVersion,
    os: v.Os,
    arch: v.Arch,
    kernelVersion: v.KernelVersion,
    platformName: v.Platform?.Name ?? '',
    components: v.Components.map((c) => c.Name),
  };
}

export async function fetchEngineVersion(
  socketPath: string,
  fetch: EngineFetch = unixSocketFetch,
): Promise<EngineVersionFacts> {
  return parseEngineVersion(socketPath, await fetch(socketPath, '/version'));
}

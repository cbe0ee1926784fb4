import Dockerode from 'dockerode';
import { probeEngine } from './engine-probe';
import type { EngineVersion } from '../../../shared/contract';

/**
 * A connection to one Docker-compatible engine, pinned to the API version the engine says it speaks.
 * The rest of core talks to the engine through functions that take this object, never through a
 * module-level client, so two engines (local and the lab's staging) can be used side by side.
 */
export class DockerEngine {
  private constructor(
    readonly client: Dockerode,
    readonly info: EngineVersion,
  ) {}

  static async connect(socketPath: string): Promise<DockerEngine> {
    const info = await probeEngine(socketPath);
    const client = new Dockerode({ socketPath, version: `v${info.apiVersion}` });
    return new DockerEngine(client, info);
  }
}

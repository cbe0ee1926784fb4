import { join } from 'node:path';
import type { DockerEngine } from '../../electron/core/engine/docker-engine';
import { waitForHealthy } from '../../electron/core/engine/health-wait';

export interface ProjectDb {
  id: string;
  volume: string;
  remove(): Promise<void>;
}

/**
 * A compose project's db service as `parity up` leaves it: a labelled, healthy PostgreSQL from the lab image
 * with its labelled named volume and the workspace's seed folder mounted, so CLI and baseline tests can
 * work on a project of their own without touching the shared lab stack.
 */
export async function startProjectDb(
  engine: DockerEngine,
  options: { project: string; image: string; workspaceDir: string; env?: string[] },
): Promise<ProjectDb> {
  const volume = `${options.project}_db-data`;
  await engine.client.createVolume({
    Name: volume,
    Labels: { 'com.docker.compose.project': options.project, 'com.docker.compose.volume': 'db-data' },
  });
  const container = await engine.client.createContainer({
    Image: options.image,
    name: `${options.project}-db-1`,
    Env: ['POSTGRES_DB=app_db', ...(options.env ?? [])],
    Labels: {
      'com.docker.compose.project': options.project,
      'com.docker.compose.service': 'db',
      'com.docker.compose.oneoff': 'False',
    },
    HostConfig: {
      Binds: [`${volume}:/var/lib/postgresql/data`, `${join(options.workspaceDir, 'seed')}:/seed:ro`],
    },
  });
  await container.start();
  await waitForHealthy(engine, container.id, { timeoutMs: 60_000 });
  return {
    id: container.id,
    volume,
    remove: async () => {
      await container.remove({ force: true });
      await engine.client.getVolume(volume).remove();
    },
  };
}

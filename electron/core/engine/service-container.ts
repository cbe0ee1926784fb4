import { ParityError } from '../parity-error';
import type { DockerEngine } from './docker-engine';

/**
 * The running container of a compose service, found by the labels every Compose-compatible tool sets
 * (project, service, not a one-off run), not by name: names are a convention, labels are the contract.
 */
export async function runningServiceContainer(
  engine: DockerEngine,
  project: string,
  service: string,
): Promise<string> {
  const found = await engine.client.listContainers({
    filters: {
      label: [
        `com.docker.compose.project=${project}`,
        `com.docker.compose.service=${service}`,
        'com.docker.compose.oneoff=False',
      ],
      status: ['running'],
    },
  });
  const [first] = found;
  if (!first) {
    throw new ParityError(
      'engine-error',
      `The ${service} service of ${project} is not running on ${engine.info.socket}.`,
      'Start the stack first: npx parity up',
    );
  }
  return first.Id;
}

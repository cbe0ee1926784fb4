import { quoteCommand } from '../../electron/core/staging/shell-quote';

/**
 * What teams with a compose CLI script today (compose v2's `up --wait` polls the same way): `docker-compose
 * up -d`, then one `docker inspect` of every container of the project every 500 ms until all say healthy.
 * Debian's docker-compose is compose v1.29, which starts a dependent only once its service_healthy
 * dependencies are healthy, polling them itself.
 */
export const INSPECT_POLL_SECONDS = 0.5;

export function composeScriptFor(composeV1: string, project: string, composeFile: string): string {
  const compose = quoteCommand([composeV1, '-p', project, '-f', composeFile]);
  return [
    'set -euo pipefail',
    `${compose} up -d`,
    `ids=$(${compose} ps -q)`,
    `until [ -z "$(docker inspect -f '{{.State.Health.Status}}' $ids | grep -vx healthy)" ]; do sleep ${INSPECT_POLL_SECONDS}; done`,
    '',
  ].join('\n');
}

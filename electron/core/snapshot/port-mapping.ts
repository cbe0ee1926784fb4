import type { ComposeModel } from '../compose/model';

/** The container port behind a published host port of a service, from the resolved compose model. */
export function containerPortFor(
  model: ComposeModel,
): (service: string, hostPort: number) => number | undefined {
  return (service, hostPort) =>
    model.services[service]?.ports.find((port) => port.published === String(hostPort))?.target;
}

import type { Readable } from 'node:stream';
import type { DockerEngine } from '../../electron/core/engine/docker-engine';
import { readJsonLines } from '../../electron/core/engine/json-lines';
import { LABEL } from '../../electron/core/stack/compose-labels';
import { inspectEvidence } from '../../electron/core/stack/failure-evidence';

interface RawEvent {
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/**
 * Watches a project whichever tool starts it, and the moment a container first turns healthy reads its
 * health log (the engine keeps only five probes): each service's own time, from State.StartedAt to the End
 * of its first passing probe in State.Health.Log. The same witness runs beside every tool, so each run
 * gets its own critical-path bound under the same load.
 */
export class HealthWitness {
  private readonly reads: Promise<void>[] = [];
  private readonly ownMs = new Map<string, number>();

  private constructor(private readonly stream: Readable) {}

  static async watch(engine: DockerEngine, project: string): Promise<HealthWitness> {
    const stream = (await engine.client.getEvents({
      filters: { type: ['container'], label: [`${LABEL.project}=${project}`], event: ['health_status'] },
    })) as Readable;
    const witness = new HealthWitness(stream);
    const seen = new Set<string>();
    readJsonLines(stream, (value) => {
      const raw = value as RawEvent;
      const id = raw.Actor?.ID;
      const service = raw.Actor?.Attributes?.[LABEL.service];
      if (!id || !service || !raw.Action?.endsWith(': healthy') || seen.has(id)) return;
      seen.add(id);
      witness.reads.push(witness.read(engine, id, service));
    });
    return witness;
  }

  /** Own time per service; throws when a service's first passing probe was not seen. */
  async ownTimes(): Promise<Map<string, number>> {
    await Promise.all(this.reads);
    this.stream.destroy();
    return this.ownMs;
  }

  private async read(engine: DockerEngine, id: string, service: string): Promise<void> {
    const evidence = await inspectEvidence(engine, id);
    const firstPass = evidence.probes.find((probe) => probe.exitCode === 0);
    if (!firstPass || evidence.startedAt === null)
      throw new Error(`${service}: no passing probe in its health log`);
    this.ownMs.set(service, Date.parse(firstPass.end) - Date.parse(evidence.startedAt));
  }
}

import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { baselineSchema, type Baseline } from '../../../shared/baseline-schema';
import { ParityError } from '../parity-error';

/**
 * Baselines on disk: `<workspace data>/baselines/<id>/` holding manifest.json, files/ and volumes/. A
 * baseline is built in `<id>.partial` and renamed when complete, so a crash never leaves half of one that
 * looks whole; leftovers of interrupted saves are swept on the next listing.
 */
export class BaselineStore {
  constructor(readonly root: string) {}

  folder(id: string): string {
    return join(this.root, id);
  }

  async begin(id: string): Promise<string> {
    const partial = `${this.folder(id)}.partial`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(join(partial, 'files'), { recursive: true, mode: 0o700 });
    await mkdir(join(partial, 'volumes'), { recursive: true, mode: 0o700 });
    return partial;
  }

  async commit(baseline: Baseline, partial: string): Promise<void> {
    await writeFile(join(partial, 'manifest.json'), `${JSON.stringify(baseline, null, 2)}\n`, {
      mode: 0o600,
    });
    await rename(partial, this.folder(baseline.id));
  }

  async list(): Promise<Baseline[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const baselines: Baseline[] = [];
    for (const name of names) {
      if (name.endsWith('.partial')) {
        await rm(join(this.root, name), { recursive: true, force: true });
        continue;
      }
      const baseline = await this.read(name).catch(() => undefined);
      if (baseline) baselines.push(baseline);
    }
    return baselines.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async read(id: string): Promise<Baseline> {
    const file = join(this.folder(id), 'manifest.json');
    const text = await readFile(file, 'utf8').catch(() => {
      throw new ParityError(
        'invalid-request',
        `There is no baseline ${id}.`,
        'List them with: npx parity baseline list',
      );
    });
    const parsed = baselineSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new ParityError('internal', `The baseline manifest ${file} is damaged.`);
    return parsed.data;
  }

  /** Keeps the newest `keep` baselines and any in `pinned` (e.g. one a rollback is using). */
  async prune(keep: number, pinned: ReadonlySet<string> = new Set()): Promise<string[]> {
    const all = await this.list();
    const removed: string[] = [];
    for (const baseline of all.slice(keep)) {
      if (pinned.has(baseline.id)) continue;
      await rm(this.folder(baseline.id), { recursive: true, force: true });
      removed.push(baseline.id);
    }
    return removed;
  }
}

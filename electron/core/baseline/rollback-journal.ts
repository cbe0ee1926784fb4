import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * A rollback's progress on disk, step by step. Every step is safe to run twice, so a rollback interrupted
 * anywhere (Ctrl-C, a crash, the engine restarting) is finished by running it again: done steps are
 * skipped, the rest run. Written atomically (temp + rename) after each step.
 */
export const journalSchema = z.object({
  target: z.string(),
  service: z.string().nullable(),
  startedAt: z.string(),
  /** The automatic before-reset baseline, once saved: what `rollback --undo` returns to. */
  beforeReset: z.string().nullable(),
  done: z.array(z.string()),
});

export type Journal = z.output<typeof journalSchema>;

export class RollbackJournal {
  constructor(readonly file: string) {}

  async read(): Promise<Journal | undefined> {
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const parsed = journalSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  }

  async write(journal: Journal): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const partial = `${this.file}.partial`;
    await writeFile(partial, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
    await rename(partial, this.file);
  }

  async finish(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

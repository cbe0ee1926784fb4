import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const MAX_RECENT = 10;

const recentSchema = z.array(z.object({ name: z.string(), path: z.string(), openedAt: z.string() }));
export type RecentWorkspace = z.output<typeof recentSchema>[number];

/** The workspaces opened lately, newest first, kept in Parity's data folder. A damaged file starts afresh. */
export class RecentWorkspaces {
  constructor(private readonly file: string) {}

  async list(): Promise<RecentWorkspace[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '[]');
    try {
      const parsed = recentSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  async add(entry: { name: string; path: string }, now = new Date()): Promise<RecentWorkspace[]> {
    const others = (await this.list()).filter((r) => r.path !== entry.path);
    const next = [{ ...entry, openedAt: now.toISOString() }, ...others].slice(0, MAX_RECENT);
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(`${this.file}.partial`, `${JSON.stringify(next, null, 2)}\n`);
    await rename(`${this.file}.partial`, this.file);
    return next;
  }
}

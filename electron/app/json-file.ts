import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * One small JSON file in Parity's data folder, validated on the way in and out. A missing or damaged file
 * reads as the fallback (the app starts afresh rather than refusing to open); writes are atomic.
 */
export class JsonFile<S extends z.ZodType> {
  constructor(
    private readonly file: string,
    private readonly schema: S,
    private readonly fallback: z.output<S>,
  ) {}

  async read(): Promise<z.output<S>> {
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    if (text === undefined) return this.fallback;
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : this.fallback;
    } catch {
      return this.fallback;
    }
  }

  async write(value: z.output<S>): Promise<z.output<S>> {
    const checked = this.schema.parse(value);
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(`${this.file}.partial`, `${JSON.stringify(checked, null, 2)}\n`);
    await rename(`${this.file}.partial`, this.file);
    return checked;
  }
}

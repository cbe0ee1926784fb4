import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputFile } from '../../electron/core/output-file';
import { ParityError } from '../../electron/core/parity-error';

const folder = (): string => mkdtempSync(join(tmpdir(), 'parity-output-'));

async function readAll(path: string): Promise<string> {
  let text = '';
  for await (const chunk of createReadStream(path, 'utf8')) text += String(chunk);
  return text;
}

describe('writeOutputFile', () => {
  it('writes a new file in a new folder and leaves no partial file beside it', async () => {
    const dir = folder();
    await writeOutputFile(join(dir, 'out', 'drift.json'), '{"ok":true}\n');
    expect(readFileSync(join(dir, 'out', 'drift.json'), 'utf8')).toBe('{"ok":true}\n');
    expect(readdirSync(join(dir, 'out'))).toEqual(['drift.json']);
  });

  it('replaces an existing regular file whole', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'snap.json'), 'old content that is longer than the new one');
    await writeOutputFile(join(dir, 'snap.json'), 'new');
    expect(readFileSync(join(dir, 'snap.json'), 'utf8')).toBe('new');
  });

  it('writes into a named pipe (like /dev/null or /dev/stdout) instead of renaming a file over it', async () => {
    const fifo = join(folder(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const [received] = await Promise.all([readAll(fifo), writeOutputFile(fifo, 'through the pipe\n')]);
    expect(received).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a folder with a clear error', async () => {
    const dir = folder();
    const failure = await writeOutputFile(dir, 'x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ParityError);
    expect((failure as ParityError).message).toContain('is a folder');
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from '../../electron/core/engine/json-lines';

describe('reading the engine’s JSON line streams', () => {
  it('reassembles objects and UTF-8 characters split across chunks', async () => {
    const stream = new PassThrough();
    const seen: unknown[] = [];
    readJsonLines(stream, (value) => seen.push(value));
    const text = Buffer.from('{"status":"Pulling ✓"}\n\n{"id":"a",\n"n":1}\n{"last":true}', 'utf8');
    const split = text.indexOf(Buffer.from('✓')) + 1; // inside the three-byte character
    stream.write(text.subarray(0, split));
    stream.write(text.subarray(split, split + 10));
    stream.end(text.subarray(split + 10));
    await new Promise((resolve) => stream.on('end', resolve));
    expect(seen).toEqual([{ status: 'Pulling ✓' }, { last: true }]);
  });
});

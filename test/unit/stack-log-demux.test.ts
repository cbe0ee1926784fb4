import { describe, expect, it } from 'vitest';
import { demuxFrames, lastLogLines, looksMultiplexed } from '../../electron/core/stack/log-demux';

/** A frame as the Engine writes it: stream id, three zero bytes, big-endian payload size, payload. */
function frame(stream: 0 | 1 | 2, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('demultiplexing the engine’s log frames', () => {
  it('splits frames and tells stdout from stderr', () => {
    const frames = demuxFrames(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, '')]));
    expect(frames.map((f) => [f.stream, f.payload.toString()])).toEqual([
      ['stdout', 'out\n'],
      ['stderr', 'err\n'],
      ['stdout', ''],
    ]);
  });

  it('keeps what arrived of a truncated last frame', () => {
    const whole = frame(1, 'complete line\n');
    const cut = frame(2, 'cut short here\n').subarray(0, 8 + 9);
    const frames = demuxFrames(Buffer.concat([whole, cut]));
    expect(frames.map((f) => f.payload.toString())).toEqual(['complete line\n', 'cut short']);
  });

  it('interleaves lines in the order they were written and keeps the last N', () => {
    const lines = Array.from({ length: 30 }, (_, i) => frame(i % 2 === 0 ? 1 : 2, `line ${i}\n`));
    const tail = lastLogLines(Buffer.concat(lines), { tty: false, max: 20 });
    expect(tail).toHaveLength(20);
    expect(tail[0]).toBe('line 10');
    expect(tail.at(-1)).toBe('line 29');
  });

  it('joins a UTF-8 character split across two writes', () => {
    const text = Buffer.from('migration ✓ done\n', 'utf8');
    const at = text.indexOf(Buffer.from('✓')) + 1;
    const buffer = Buffer.concat([frame(1, text.subarray(0, at)), frame(1, text.subarray(at))]);
    expect(lastLogLines(buffer, { tty: false, max: 5 })).toEqual(['migration ✓ done']);
  });

  it('reads a TTY container’s log as raw text, and a partial line as a line', () => {
    const raw = Buffer.from('first\r\nsecond\nno newline', 'utf8');
    expect(looksMultiplexed(raw)).toBe(false);
    expect(lastLogLines(raw, { tty: true, max: 5 })).toEqual(['first', 'second', 'no newline']);
    expect(lastLogLines(raw, { tty: false, max: 5 })).toEqual(['first', 'second', 'no newline']);
  });

  it('gives nothing for an empty log', () => {
    expect(lastLogLines(Buffer.alloc(0), { tty: false, max: 20 })).toEqual([]);
    expect(demuxFrames(Buffer.alloc(0))).toEqual([]);
  });
});

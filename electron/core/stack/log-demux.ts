export type LogStream = 'stdin' | 'stdout' | 'stderr';

export interface LogFrame {
  stream: LogStream;
  payload: Buffer;
}

const HEADER_BYTES = 8;
const STREAMS: readonly LogStream[] = ['stdin', 'stdout', 'stderr'];

/**
 * Splits the Engine's multiplexed log answer (a container without a TTY) into its frames: each is an
 * 8-byte header — stream id (0 stdin, 1 stdout, 2 stderr), three zero bytes, payload size as a big-endian
 * uint32 — then the payload. A truncated last frame keeps what arrived: the tail of a log is what we need.
 */
export function demuxFrames(buffer: Buffer): LogFrame[] {
  const frames: LogFrame[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= buffer.length) {
    const stream = STREAMS[buffer[offset] ?? -1];
    if (stream === undefined) break;
    const size = buffer.readUInt32BE(offset + 4);
    const start = offset + HEADER_BYTES;
    frames.push({ stream, payload: buffer.subarray(start, Math.min(start + size, buffer.length)) });
    offset = start + size;
  }
  return frames;
}

/** Whether a log answer is framed: a TTY container's logs are raw bytes with no headers at all. */
export function looksMultiplexed(buffer: Buffer): boolean {
  if (buffer.length < HEADER_BYTES) return false;
  return (buffer[0] ?? 9) <= 2 && buffer[1] === 0 && buffer[2] === 0 && buffer[3] === 0;
}

/**
 * The last `max` lines of a container's log answer, stdout and stderr interleaved in the order they were
 * written, as text. Frames are joined before decoding so a UTF-8 character split across writes survives.
 */
export function lastLogLines(buffer: Buffer, options: { tty: boolean; max: number }): string[] {
  const bytes =
    options.tty || !looksMultiplexed(buffer)
      ? buffer
      : Buffer.concat(demuxFrames(buffer).map((frame) => frame.payload));
  const lines = bytes.toString('utf8').replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-options.max);
}

import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/**
 * The engine streams events and progress as JSON objects separated by newlines, split arbitrarily across
 * chunks (and UTF-8 sequences split across chunks too). Calls `onObject` for each complete object.
 */
export function readJsonLines(stream: Readable, onObject: (value: unknown) => void): void {
  const decoder = new StringDecoder('utf8');
  let buffered = '';
  const drain = (final: boolean): void => {
    const lines = buffered.split('\n');
    buffered = final ? '' : (lines.pop() ?? '');
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed === '') continue;
      try {
        onObject(JSON.parse(trimmed));
      } catch {
        // A line that is not JSON carries nothing we act on; the engine's own errors come as JSON.
      }
    }
  };
  stream.on('data', (chunk: Buffer) => {
    buffered += decoder.write(chunk);
    drain(false);
  });
  stream.on('end', () => {
    buffered += decoder.end();
    drain(true);
  });
}

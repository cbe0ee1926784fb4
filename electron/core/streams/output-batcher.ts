import { StringDecoder } from 'node:string_decoder';

/** 60 flushes a second at most: a terminal cannot show more, and each flush is an IPC message. */
export const FLUSH_INTERVAL_MS = Math.ceil(1000 / 60);

/**
 * Collects a process's output and hands it on in batches, at most one per FLUSH_INTERVAL_MS, decoded as
 * UTF-8 with a StringDecoder so a character split across chunks is never split across flushes.
 */
export class OutputBatcher {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;

  constructor(
    private readonly flush: (text: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  write(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.pending === '' || this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - this.now());
    this.timer = setTimeout(() => this.flushNow(), wait);
  }

  /** Flushes what is left, including an incomplete trailing character as the decoder's replacement. */
  end(): void {
    this.pending += this.decoder.end();
    this.flushNow();
  }

  private flushNow(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.lastFlush = this.now();
    this.flush(text);
  }
}

import { ParityError } from './core/parity-error';
import type { TtyControl, TtySize } from './core/engine/tty-exec';

/** Typed-ahead input held for a shell the engine has not attached yet; more is refused. */
const PENDING_INPUT_MAX_CHARS = 64 * 1024;

interface Pending {
  input: string[];
  chars: number;
  size: TtySize | null;
}

/**
 * The open shells of one window, by stream id: `exec:input` and `exec:resize` find their shell here. A
 * shell is registered as soon as its stream id exists, before the engine has attached it: what the page
 * types or resizes in that moment is held and delivered in order on attach, never refused or lost. It is
 * forgotten when its stream ends.
 */
export class ExecSessions {
  private readonly open = new Map<string, { control: TtyControl } | { pending: Pending }>();

  register(streamId: string): void {
    this.open.set(streamId, { pending: { input: [], chars: 0, size: null } });
  }

  async attach(streamId: string, control: TtyControl): Promise<void> {
    const entry = this.open.get(streamId);
    if (!entry) return;
    this.open.set(streamId, { control });
    if ('pending' in entry) {
      if (entry.pending.size) await control.resize(entry.pending.size).catch(() => undefined);
      for (const data of entry.pending.input) control.write(data);
    }
  }

  remove(streamId: string): void {
    this.open.delete(streamId);
  }

  write(streamId: string, data: string): void {
    const entry = this.get(streamId);
    if ('control' in entry) return entry.control.write(data);
    if (entry.pending.chars + data.length > PENDING_INPUT_MAX_CHARS) {
      throw new ParityError(
        'invalid-request',
        'The shell is still starting and more than 64 KiB of input is waiting for it.',
        'Wait for the prompt, then type or paste again.',
      );
    }
    entry.pending.input.push(data);
    entry.pending.chars += data.length;
  }

  async resize(streamId: string, size: TtySize): Promise<void> {
    const entry = this.get(streamId);
    if ('control' in entry) await entry.control.resize(size);
    else entry.pending.size = size;
  }

  private get(streamId: string): { control: TtyControl } | { pending: Pending } {
    const entry = this.open.get(streamId);
    if (!entry) {
      throw new ParityError(
        'invalid-request',
        `There is no open shell with stream id "${streamId.slice(0, 64)}".`,
        'The shell has exited or was closed; open a new one.',
      );
    }
    return entry;
  }
}

import type { ParityApi } from '../../../../shared/api-client';
import { EXEC_INPUT_MAX_CHARS } from '../../../../shared/contract';

/**
 * Sends typed or pasted text to a shell in order: one call at a time, each at most the contract's cap, so a
 * large paste arrives whole and never reordered. Returns `send` and `resize`; resizes are coalesced to the
 * latest size.
 */
export function createShellInput(
  api: ParityApi,
  streamId: string,
  onError: (error: unknown) => void,
): { send: (data: string) => void; resize: (cols: number, rows: number) => void } {
  let queue: Promise<void> = Promise.resolve();
  let failed = false;
  const send = (data: string): void => {
    for (const chunk of splitInput(data)) {
      queue = queue.then(async () => {
        if (failed) return;
        try {
          await api.exec.input({ streamId, data: chunk });
        } catch (error) {
          failed = true;
          onError(error);
        }
      });
    }
  };
  const resize = (cols: number, rows: number): void => {
    void api.exec.resize({ streamId, cols, rows }).catch(() => undefined);
  };
  return { send, resize };
}

/** Splits on the cap without cutting a UTF-16 surrogate pair in two. */
export function splitInput(data: string, max = EXEC_INPUT_MAX_CHARS): string[] {
  const chunks: string[] = [];
  let rest = data;
  while (rest.length > max) {
    let cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiErrorData } from '../../../shared/api-error';
import { useApi } from '../api/api-context';
import { followStream } from '../api/follow-stream';

const RESIZE_DEBOUNCE_MS = 50;

export interface StreamTerminalProps {
  /** Starts the stream session; called once per `sessionKey`. */
  start: () => Promise<{ streamId: string }>;
  /** A new key starts a new session (a new container to follow, a new run of a step). */
  sessionKey: string;
  label: string;
  onEnd?: (error?: ApiErrorData, result?: unknown) => void;
  endText?: string;
}

/**
 * A stream session's output live in xterm: logs, seed output, remediation output. Everything the effect
 * creates (terminal, fit addon, resize observer, the session) is collected and disposed on unmount or when
 * the session key changes.
 */
export function StreamTerminal({ start, sessionKey, label, onEnd, endText }: StreamTerminalProps): ReactNode {
  const api = useApi();
  const host = useRef<HTMLDivElement>(null);
  // The latest callbacks, read when needed, so a re-render does not restart the session.
  const latest = useRef({ start, onEnd, endText });
  useEffect(() => {
    latest.current = { start, onEnd, endText };
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const disposables: Array<() => void> = [];
    const terminal = new Terminal({ convertEol: true, disableStdin: true, scrollback: 10_000, fontSize: 13 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    disposables.push(() => terminal.dispose());
    // Opened from a button further up (a container's Logs, a seed): bring the output into view. xterm also
    // pauses painting while its element is off screen, so output below the fold would never show.
    element.scrollIntoView?.({ block: 'nearest' });
    const refit = (): void => {
      if (element.clientWidth > 0) fit.fit();
    };
    refit();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(refit, RESIZE_DEBOUNCE_MS);
    });
    observer.observe(element);
    disposables.push(() => {
      clearTimeout(timer);
      observer.disconnect();
    });
    disposables.push(
      followStream(api, () => latest.current.start(), {
        onData: (data) => terminal.write(data),
        onEnd: (error, result) => {
          terminal.write(
            error
              ? `\r\n\x1b[31m${error.message}\x1b[0m\r\n`
              : `\r\n${latest.current.endText ?? '— end —'}\r\n`,
          );
          latest.current.onEnd?.(error, result);
        },
      }),
    );
    return () => {
      for (const dispose of disposables.reverse()) dispose();
    };
  }, [api, sessionKey]);

  return <div className="terminal" ref={host} role="log" aria-label={label} data-testid="stream-terminal" />;
}

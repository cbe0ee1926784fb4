import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiErrorData } from '../../../../shared/api-error';
import { useApi } from '../../api/api-context';
import { followStream } from '../../api/follow-stream';
import { createShellInput } from './shell-input';

const RESIZE_DEBOUNCE_MS = 50;

export interface ShellTerminalProps {
  container: string;
  /** A new key opens a new shell. */
  sessionKey: string;
  onEnd?: (error?: ApiErrorData, result?: unknown) => void;
}

/**
 * An interactive shell in a container: xterm with input, sized by the fit addon. Keystrokes and pastes go
 * to `exec:input` in order, size changes to `exec:resize`; closing the panel cancels the session, which
 * ends the shell. Selecting text copies it (xterm's selection) and scrollback keeps 10 000 lines.
 */
export function ShellTerminal({ container, sessionKey, onEnd }: ShellTerminalProps): ReactNode {
  const api = useApi();
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef({ onEnd });
  useEffect(() => {
    latest.current = { onEnd };
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const disposables: Array<() => void> = [];
    const terminal = new Terminal({ scrollback: 10_000, fontSize: 13, cursorBlink: true });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    disposables.push(() => terminal.dispose());
    const refit = (): void => {
      if (element.clientWidth > 0) fit.fit();
    };
    refit();
    let input: ReturnType<typeof createShellInput> | undefined;
    const typed = terminal.onData((data) => input?.send(data));
    const resized = terminal.onResize(({ cols, rows }) => input?.resize(cols, rows));
    disposables.push(() => {
      typed.dispose();
      resized.dispose();
    });
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
    const open = async (): Promise<{ streamId: string }> => {
      const started = await api.exec.open({
        container,
        cols: Math.max(2, terminal.cols),
        rows: Math.max(1, terminal.rows),
      });
      input = createShellInput(api, started.streamId, (error) =>
        terminal.write(`\r\n\x1b[31m${error instanceof Error ? error.message : String(error)}\x1b[0m\r\n`),
      );
      return started;
    };
    disposables.push(
      followStream(api, open, {
        onData: (data) => terminal.write(data),
        onEnd: (error, result) => {
          input = undefined;
          terminal.write(
            error ? `\r\n\x1b[31m${error.message}\x1b[0m\r\n` : '\r\n— the shell has exited —\r\n',
          );
          latest.current.onEnd?.(error, result);
        },
      }),
    );
    terminal.focus();
    return () => {
      for (const dispose of disposables.reverse()) dispose();
    };
  }, [api, container, sessionKey]);

  return (
    <div
      className="terminal"
      ref={host}
      role="application"
      aria-label={`Shell in ${container}`}
      data-testid="shell-terminal"
    />
  );
}

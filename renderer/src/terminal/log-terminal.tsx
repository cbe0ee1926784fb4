import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import { followStream } from '../api/follow-stream';

const RESIZE_DEBOUNCE_MS = 50;

/**
 * A service's logs, followed live in xterm. Everything the effect creates (terminal, addon, observer,
 * stream session) is collected and disposed on unmount or when the container changes.
 */
export function LogTerminal({ container }: { container: string }): ReactNode {
  const api = useApi();
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const disposables: Array<() => void> = [];
    const terminal = new Terminal({ convertEol: true, disableStdin: true, scrollback: 10_000, fontSize: 13 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    disposables.push(() => terminal.dispose());
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
      followStream(api, () => api.logs.follow({ container }), {
        onData: (data) => terminal.write(data),
        onEnd: (error) =>
          terminal.write(error ? `\r\n\x1b[31m${error.message}\x1b[0m\r\n` : '\r\n— end of log —\r\n'),
      }),
    );
    return () => {
      for (const dispose of disposables.reverse()) dispose();
    };
  }, [api, container]);

  return (
    <div
      className="terminal"
      ref={host}
      role="log"
      aria-label={`Logs of ${container}`}
      data-testid="log-terminal"
    />
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from '../../api/api-context';
import { StreamTerminal } from '../../terminal/stream-terminal';
import { ShellTerminal } from './shell-terminal';
import { createTerminalStore } from './terminal-store';

/**
 * The Terminal screen: pick a running container, then follow its logs or open a shell in it. One session
 * at a time; opening another replaces it (and ends the previous one).
 */
export function TerminalScreen(): ReactNode {
  const api = useApi();
  const [store] = useState(() => createTerminalStore(api));
  const containers = useStore(store, (s) => s.containers);
  const problem = useStore(store, (s) => s.problem);
  const session = useStore(store, (s) => s.session);
  const ended = useStore(store, (s) => s.ended);
  const { refresh, open, close, sessionEnded } = store.getState();

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="card" aria-labelledby="terminal-title" data-screen="terminal">
      <header className="card-header">
        <h2 id="terminal-title">Terminal</h2>
        <button type="button" className="secondary" onClick={() => void refresh()}>
          Refresh
        </button>
      </header>
      {problem && (
        <div role="alert" className="problem">
          <p>{problem.message}</p>
          {problem.hint && <p className="hint">{problem.hint}</p>}
        </div>
      )}
      {!problem && containers.length === 0 && (
        <p className="hint">No running containers: start the stack first.</p>
      )}
      {containers.length > 0 && (
        <ul className="terminal-targets" aria-label="Running containers">
          {containers.map((c) => (
            <li key={c.id}>
              <span className="mono">{c.service ?? c.name}</span>
              <button
                type="button"
                className="secondary"
                onClick={() => open('logs', c.name)}
                aria-label={`Follow logs of ${c.name}`}
              >
                Logs
              </button>
              <button
                type="button"
                onClick={() => open('shell', c.name)}
                aria-label={`Open a shell in ${c.name}`}
              >
                Shell
              </button>
            </li>
          ))}
        </ul>
      )}
      {session && (
        <div className="terminal-panel">
          <header className="card-header">
            <h3>
              {session.kind === 'shell' ? 'Shell' : 'Logs'} · {session.container}
            </h3>
            <button type="button" className="secondary" onClick={close}>
              Close
            </button>
          </header>
          {session.kind === 'shell' ? (
            <ShellTerminal
              container={session.container}
              sessionKey={String(session.key)}
              onEnd={sessionEnded}
            />
          ) : (
            <StreamTerminal
              sessionKey={String(session.key)}
              start={() => api.logs.follow({ container: session.container })}
              label={`Logs of ${session.container}`}
              endText="— end of log —"
              onEnd={sessionEnded}
            />
          )}
          {ended?.problem && (
            <div role="alert" className="problem">
              <p>{ended.problem.message}</p>
              {ended.problem.hint && <p className="hint">{ended.problem.hint}</p>}
            </div>
          )}
          {ended && !ended.problem && ended.exitCode !== null && (
            <p className="hint" data-testid="shell-exit">
              The shell exited with code {ended.exitCode}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from '../api/api-context';
import { createContainersStore } from '../stores/containers-store';
import { StreamTerminal } from '../terminal/stream-terminal';

/** The engine's containers with state and health; "Logs" follows one in the terminal below. */
export function ContainersCard(): ReactNode {
  const api = useApi();
  const [store] = useState(() => createContainersStore(api));
  const containers = useStore(store, (s) => s.containers);
  const problem = useStore(store, (s) => s.problem);
  const following = useStore(store, (s) => s.following);
  const refresh = useStore(store, (s) => s.refresh);
  const follow = useStore(store, (s) => s.follow);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="card" aria-labelledby="containers-title">
      <header className="card-header">
        <h2 id="containers-title">Containers</h2>
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
      {!problem && containers.length === 0 && <p className="hint">No containers on this engine yet.</p>}
      {containers.length > 0 && (
        <table className="containers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Service</th>
              <th scope="col">State</th>
              <th scope="col">Health</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {containers.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.name}</td>
                <td>{c.service ?? '—'}</td>
                <td>{c.state}</td>
                <td>{c.health ?? '—'}</td>
                <td>
                  <button type="button" onClick={() => follow(c.name)} aria-label={`Show logs of ${c.name}`}>
                    Logs
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {following && (
        <div className="terminal-panel">
          <header className="card-header">
            <h3>Logs · {following}</h3>
            <button type="button" className="secondary" onClick={() => follow(null)}>
              Close
            </button>
          </header>
          <StreamTerminal
            sessionKey={following}
            start={() => api.logs.follow({ container: following })}
            label={`Logs of ${following}`}
            endText="— end of log —"
          />
        </div>
      )}
    </section>
  );
}

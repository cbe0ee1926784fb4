import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from '../api/api-context';
import { createWorkspaceStore, type WorkspaceRef } from '../stores/workspace-store';

/** Welcome: open a folder with parity.yml, the demo lab, or a recent workspace. */
export function WorkspacePicker({ onOpened }: { onOpened: (workspace: WorkspaceRef) => void }): ReactNode {
  const api = useApi();
  const [store] = useState(() => createWorkspaceStore(api));
  const recent = useStore(store, (s) => s.recent);
  const demo = useStore(store, (s) => s.demo);
  const problem = useStore(store, (s) => s.problem);
  const opening = useStore(store, (s) => s.opening);
  const load = useStore(store, (s) => s.load);
  const open = useStore(store, (s) => s.open);
  const [path, setPath] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  const openPath = async (target: string): Promise<void> => {
    const opened = await open(target);
    if (opened) onOpened(opened);
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (path.trim() !== '') void openPath(path.trim());
  };

  return (
    <section className="card" aria-labelledby="welcome-title" data-testid="workspace-picker">
      <h2 id="welcome-title">Open a workspace</h2>
      <form className="open-form" onSubmit={submit}>
        <label htmlFor="workspace-path">Folder with parity.yml</label>
        <input
          id="workspace-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/home/you/src/acme-web"
          spellCheck={false}
        />
        <button type="submit" disabled={opening}>
          Open
        </button>
      </form>
      {problem && (
        <div role="alert" className="problem">
          <pre className="problem-text">{problem.message}</pre>
          {problem.hint && <p className="hint">{problem.hint}</p>}
        </div>
      )}
      <ul className="workspace-list">
        {demo && (
          <li>
            <button type="button" className="secondary" onClick={() => void openPath(demo.path)}>
              {demo.name} <span className="hint">— the demo lab</span>
            </button>
          </li>
        )}
        {recent
          .filter((r) => r.path !== demo?.path)
          .map((r) => (
            <li key={r.path}>
              <button type="button" className="secondary" onClick={() => void openPath(r.path)}>
                {r.name} <span className="hint mono">{r.path}</span>
              </button>
            </li>
          ))}
      </ul>
    </section>
  );
}

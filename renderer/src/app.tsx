import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from './api/api-context';
import { ContainersCard } from './components/containers-card';
import { EngineCard } from './components/engine-card';
import { HostCheckCard } from './components/host-check-card';
import { SeedCard } from './components/seed-card';
import { WorkspacePicker } from './components/workspace-picker';
import { createEngineStore } from './stores/engine-store';
import { TerminalScreen } from './screens/terminal/terminal-screen';

export function App(): ReactNode {
  const api = useApi();
  const [engineStore] = useState(() => createEngineStore(api));
  const status = useStore(engineStore, (s) => s.status);
  const engine = useStore(engineStore, (s) => s.engine);
  const problem = useStore(engineStore, (s) => s.problem);
  const app = useStore(engineStore, (s) => s.app);
  const refresh = useStore(engineStore, (s) => s.refresh);
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const workspace = app?.workspace ?? null;
  const showPicker = picking || (app !== null && workspace === null);
  return (
    <div className="shell">
      <header className="topbar">
        <h1>Parity</h1>
        <span className="workspace" data-testid="workspace-name">
          {workspace ? workspace.name : 'No workspace open'}
        </span>
        {workspace && !showPicker && (
          <button type="button" className="secondary" onClick={() => setPicking(true)}>
            Switch workspace
          </button>
        )}
        {app && (
          <span className="mode">
            {app.mode === 'browser' ? 'browser mode' : 'desktop'} · v{app.version}
          </span>
        )}
      </header>
      {/* Keyed by workspace: every card starts afresh on the workspace it was opened for. */}
      <main className="content" key={workspace?.path ?? 'none'}>
        <p className="lede">A local environment that provably matches staging.</p>
        {showPicker && (
          <WorkspacePicker
            onOpened={() => {
              setPicking(false);
              void refresh();
            }}
          />
        )}
        {showPicker && picking && (
          <button type="button" className="secondary" onClick={() => setPicking(false)}>
            Back to {workspace?.name}
          </button>
        )}
        <EngineCard state={{ status, engine, problem }} onRetry={() => void refresh()} />
        {status === 'ready' && <HostCheckCard />}
        {status === 'ready' && <ContainersCard />}
        {status === 'ready' && workspace && <SeedCard />}
        {/* Mounted here until the navigation shell takes the screens in. */}
        {status === 'ready' && <TerminalScreen />}
        {workspace && (
          <section className="card" aria-labelledby="workspace-title">
            <h2 id="workspace-title">Workspace</h2>
            <p className="mono">{workspace.path}</p>
          </section>
        )}
      </main>
    </div>
  );
}

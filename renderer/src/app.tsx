import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from './api/api-context';
import { ContainersCard } from './components/containers-card';
import { EngineCard } from './components/engine-card';
import { HostCheckCard } from './components/host-check-card';
import { SeedCard } from './components/seed-card';
import { createEngineStore } from './stores/engine-store';

export function App(): ReactNode {
  const api = useApi();
  const [engineStore] = useState(() => createEngineStore(api));
  const status = useStore(engineStore, (s) => s.status);
  const engine = useStore(engineStore, (s) => s.engine);
  const problem = useStore(engineStore, (s) => s.problem);
  const app = useStore(engineStore, (s) => s.app);
  const refresh = useStore(engineStore, (s) => s.refresh);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="shell">
      <header className="topbar">
        <h1>Parity</h1>
        <span className="workspace" data-testid="workspace-name">
          {app?.workspace ? app.workspace.name : 'No workspace open'}
        </span>
        {app && (
          <span className="mode">
            {app.mode === 'browser' ? 'browser mode' : 'desktop'} · v{app.version}
          </span>
        )}
      </header>
      <main className="content">
        <p className="lede">A local environment that provably matches staging.</p>
        <EngineCard state={{ status, engine, problem }} onRetry={() => void refresh()} />
        {status === 'ready' && <HostCheckCard />}
        {status === 'ready' && <ContainersCard />}
        {status === 'ready' && app?.workspace && <SeedCard />}
        {app?.workspace && (
          <section className="card" aria-labelledby="workspace-title">
            <h2 id="workspace-title">Workspace</h2>
            <p className="mono">{app.workspace.path}</p>
          </section>
        )}
      </main>
    </div>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from './api/api-context';
import { DashboardScreen } from './screens/dashboard/dashboard-screen';
import { ResetScreen } from './screens/reset/reset-screen';
import { SettingsScreen } from './screens/settings/settings-screen';
import { createSettingsStore } from './screens/settings/settings-store';
import { SetupScreen } from './screens/setup/setup-screen';
import { TerminalScreen } from './screens/terminal/terminal-screen';
import { TroubleshooterScreen } from './screens/troubleshooter/troubleshooter-screen';
import { WelcomeScreen } from './screens/welcome/welcome-screen';
import { createNavStore } from './shell/nav-store';
import { SCREENS, type ScreenId } from './shell/screens';
import { createEngineStore } from './stores/engine-store';

/** The app shell: top bar, navigation from the screen registry, and the chosen screen. */
export function App(): ReactNode {
  const api = useApi();
  const [engineStore] = useState(() => createEngineStore(api));
  const [navStore] = useState(() => createNavStore());
  const [settingsStore] = useState(() => createSettingsStore(api));
  const { status, engine, problem, app, refresh } = useStore(engineStore);
  const { screen, go } = useStore(navStore);
  const theme = useStore(settingsStore, (s) => s.settings.theme);
  const loadSettings = useStore(settingsStore, (s) => s.load);

  useEffect(() => {
    void refresh();
    void loadSettings();
  }, [refresh, loadSettings]);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  const workspace = app?.workspace ?? null;
  // Without a workspace there is nothing to set up or compare: the welcome screen comes first.
  const shown: ScreenId = app !== null && workspace === null ? 'welcome' : screen;
  const opened = (): void => {
    void refresh();
    go('setup');
  };

  const render: Record<ScreenId, () => ReactNode> = {
    welcome: () => <WelcomeScreen onOpened={opened} />,
    setup: () => (workspace ? <SetupScreen workspacePath={workspace.path} /> : null),
    dashboard: () => (
      <DashboardScreen
        engine={{ status, engine, problem }}
        workspaceOpen={workspace !== null}
        onRetry={() => void refresh()}
      />
    ),
    troubleshooter: () => (workspace ? <TroubleshooterScreen /> : null),
    terminal: () =>
      status === 'ready' ? <TerminalScreen /> : <p className="hint">Waiting for the engine…</p>,
    reset: () => <ResetScreen />,
    settings: () => <SettingsScreen store={settingsStore} />,
  };

  return (
    <div className="shell">
      <header className="topbar">
        <h1>Parity</h1>
        <span className="workspace" data-testid="workspace-name">
          {workspace ? workspace.name : 'No workspace open'}
        </span>
        {workspace && shown !== 'welcome' && (
          <button type="button" className="secondary" onClick={() => go('welcome')}>
            Switch workspace
          </button>
        )}
        {app && (
          <span className="mode">
            {app.mode === 'browser' ? 'browser mode' : 'desktop'} · v{app.version}
          </span>
        )}
      </header>
      <div className="body">
        <nav className="nav" aria-label="Screens">
          <ul>
            {SCREENS.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  className={entry.id === shown ? 'nav-item active' : 'nav-item'}
                  aria-current={entry.id === shown ? 'page' : undefined}
                  disabled={entry.needsWorkspace && workspace === null}
                  onClick={() => go(entry.id)}
                >
                  {entry.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {/* Keyed by workspace and screen: every screen starts afresh on the workspace it was opened for. */}
        <main className="content" key={`${workspace?.path ?? 'none'}:${shown}`} data-screen={shown}>
          {render[shown]()}
        </main>
      </div>
    </div>
  );
}

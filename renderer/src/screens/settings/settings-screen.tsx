import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppSettings } from '../../../../shared/wizard-schema';
import type { SettingsState } from './settings-store';

const FIELDS: Array<{ key: Exclude<keyof AppSettings, 'theme'>; label: string; placeholder: string }> = [
  { key: 'engineSocket', label: 'Engine socket', placeholder: 'unix:///var/run/docker.sock' },
  { key: 'sshIdentity', label: 'SSH identity file', placeholder: '/home/you/.ssh/id_ed25519' },
  { key: 'stagingHost', label: 'Staging host', placeholder: 'deploy@staging.example.com:22' },
];

/** Settings: engine socket, SSH identity, staging host and theme; empty means Parity’s default. */
export function SettingsScreen({ store }: { store: StoreApi<SettingsState> }): ReactNode {
  const { settings, load } = useStore(store);
  useEffect(() => {
    void load();
  }, [load]);
  // Keyed by the saved values: the form starts afresh from what the main side holds.
  return <SettingsForm key={JSON.stringify(settings)} store={store} />;
}

function SettingsForm({ store }: { store: StoreApi<SettingsState> }): ReactNode {
  const { settings, invalid, problem, saved, save } = useStore(store);
  const [draft, setDraft] = useState(settings);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void save(draft);
  };
  return (
    <section className="card" aria-labelledby="settings-title" data-testid="settings">
      <h2 id="settings-title">Settings</h2>
      <form onSubmit={submit} className="settings-form">
        {FIELDS.map(({ key, label, placeholder }) => (
          <div key={key} className="field">
            <label htmlFor={`setting-${key}`}>{label}</label>
            <input
              id={`setting-${key}`}
              value={draft[key]}
              placeholder={placeholder}
              aria-invalid={invalid[key] ? true : undefined}
              aria-describedby={invalid[key] ? `setting-${key}-error` : undefined}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            />
            {invalid[key] && (
              <p id={`setting-${key}-error`} role="alert" className="field-error">
                {label}: {invalid[key]}
              </p>
            )}
          </div>
        ))}
        <fieldset className="field">
          <legend>Theme</legend>
          {(['light', 'dark'] as const).map((theme) => (
            <label key={theme}>
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={draft.theme === theme}
                onChange={() => setDraft({ ...draft, theme })}
              />{' '}
              {theme}
            </label>
          ))}
        </fieldset>
        <button type="submit">Save settings</button>
        {saved && <p role="status">Saved.</p>}
      </form>
      {problem && (
        <div role="alert" className="problem">
          <p>{problem.message}</p>
          {problem.hint && <p className="hint">{problem.hint}</p>}
        </div>
      )}
    </section>
  );
}

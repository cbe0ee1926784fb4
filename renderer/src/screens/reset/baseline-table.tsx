import { useState, type FormEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { formatAge, formatBytes } from '../../../../shared/format-size';
import type { ResetState } from './reset-store';

const KIND: Record<string, string> = { manual: 'saved', first: 'first', 'before-reset': 'before reset' };

/** The workspace's baselines, newest first, and "Save baseline now". */
export function BaselineTable({ store }: { store: StoreApi<ResetState> }): ReactNode {
  const { list, saving, saved, saveNow, phase } = useStore(store);
  const [name, setName] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void saveNow(name.trim() === '' ? undefined : name.trim()).then(() => setName(''));
  };
  return (
    <div className="baselines">
      <form className="save-baseline" onSubmit={submit}>
        <label htmlFor="baseline-name">Name (optional)</label>
        <input
          id="baseline-name"
          value={name}
          maxLength={100}
          placeholder="before the schema change"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={saving || phase === 'running'}>
          {saving ? 'Saving…' : 'Save baseline now'}
        </button>
        {saved && <span role="status">Saved “{saved}”.</span>}
      </form>
      {list && list.baselines.length > 0 && (
        <table className="services" aria-label="Baselines" data-testid="baselines">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Age</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {list.baselines.map((b) => (
              <tr key={b.id} data-testid={`baseline-${b.id}`}>
                <td>
                  {b.name}
                  {b.id === list.lastKnownGood && <span className="hint"> (last known-good)</span>}
                </td>
                <td>{KIND[b.kind] ?? b.kind}</td>
                <td>{formatAge(b.createdAt)}</td>
                <td>{formatBytes(b.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

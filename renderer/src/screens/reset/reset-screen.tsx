import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { formatAge, formatBytes } from '../../../../shared/format-size';
import { useApi } from '../../api/api-context';
import { BaselineTable } from './baseline-table';
import { ResetConfirm } from './reset-confirm';
import { RollbackProgress } from './rollback-progress';
import { createResetStore, type ResetState } from './reset-store';

/**
 * Reset: back to the last known-good baseline in one click, after a confirmation that says what is kept
 * and what changes; the steps live; the result with Undo; and the workspace's baselines.
 */
export function ResetScreen({ store: given }: { store?: StoreApi<ResetState> }): ReactNode {
  const api = useApi();
  const [store] = useState(() => given ?? createResetStore(api));
  const load = useStore(store, (s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card reset" aria-labelledby="reset-title" data-testid="reset">
      <h2 id="reset-title">Reset</h2>
      <LastKnownGood store={store} />
      <ResetConfirm store={store} />
      <RollbackProgress store={store} />
      <Problem store={store} />
      <BaselineTable store={store} />
    </section>
  );
}

function LastKnownGood({ store }: { store: StoreApi<ResetState> }): ReactNode {
  const { list, phase, scope, chooseScope, ask, undo } = useStore(store);
  if (list === null) return <p role="status">Loading the baselines…</p>;
  const target = list.baselines.find((b) => b.id === list.lastKnownGood);
  const busy = phase === 'running' || phase === 'confirming';
  if (list.pending) {
    return (
      <div className="reset-pending" role="alert" data-testid="reset-pending">
        <p>
          A reset to {list.pending.target}
          {list.pending.service ? ` (service ${list.pending.service} only)` : ''} was interrupted.
        </p>
        <p className="hint">Finishing it runs the steps not yet done; nothing is lost.</p>
        <button type="button" onClick={ask} disabled={busy}>
          Finish the interrupted reset
        </button>
      </div>
    );
  }
  if (!target) {
    return (
      <p className="hint" data-testid="no-baseline">
        No known-good baseline yet. When the stack is healthy and the check passes, save one below.
      </p>
    );
  }
  return (
    <div className="reset-target" data-testid="last-known-good">
      <dl className="facts">
        <dt>Last known-good</dt>
        <dd>
          <strong>{target.name}</strong> · {formatAge(target.createdAt)} · {formatBytes(target.bytes)}
        </dd>
      </dl>
      <div className="reset-actions">
        <label htmlFor="reset-scope">What to reset</label>
        <select
          id="reset-scope"
          value={scope ?? ''}
          disabled={busy}
          onChange={(e) => chooseScope(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">The whole stack</option>
          {list.services.map((service) => (
            <option key={service} value={service}>
              Only service {service}
            </option>
          ))}
        </select>
        <button type="button" onClick={ask} disabled={busy}>
          Reset to last known-good
        </button>
        {list.undoTo && phase === 'idle' && (
          <button type="button" className="secondary" onClick={() => void undo()}>
            Undo the last reset
          </button>
        )}
      </div>
    </div>
  );
}

function Problem({ store }: { store: StoreApi<ResetState> }): ReactNode {
  const problem = useStore(store, (s) => s.problem);
  if (!problem) return null;
  return (
    <div role="alert" className="problem" data-testid="reset-problem">
      <p>{problem.message}</p>
      {problem.hint && <p className="hint">{problem.hint}</p>}
    </div>
  );
}

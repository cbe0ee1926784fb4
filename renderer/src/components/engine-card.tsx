import type { ReactNode } from 'react';
import type { EngineState } from '../stores/engine-store';

/** The engine Parity talks to: its version and API, or why it cannot be reached and what to do. */
export function EngineCard({
  state,
  onRetry,
}: {
  state: Pick<EngineState, 'status' | 'engine' | 'problem'>;
  onRetry: () => void;
}): ReactNode {
  return (
    <section className="card" aria-labelledby="engine-title">
      <header className="card-header">
        <span className={`status-dot status-${state.status}`} aria-hidden="true" />
        <h2 id="engine-title">Container engine</h2>
      </header>
      {state.status === 'loading' && <p role="status">Asking the engine…</p>}
      {state.status === 'ready' && state.engine && (
        <dl className="facts">
          <dt>Docker Engine</dt>
          <dd data-testid="engine-version">{state.engine.version}</dd>
          <dt>API</dt>
          <dd data-testid="engine-api">{state.engine.apiVersion}</dd>
          <dt>Platform</dt>
          <dd>
            {state.engine.os}/{state.engine.arch}
          </dd>
          <dt>Socket</dt>
          <dd className="mono">{state.engine.socket}</dd>
        </dl>
      )}
      {state.status === 'error' && state.problem && (
        <div role="alert" className="problem">
          <p>{state.problem.message}</p>
          {state.problem.hint && <p className="hint">{state.problem.hint}</p>}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}

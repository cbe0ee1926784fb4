import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { RollbackStepView } from '../../../../shared/reset-schema';
import type { ResetState } from './reset-store';

const MARK: Record<RollbackStepView['status'], string> = {
  running: '…',
  done: '✔',
  skipped: '↷',
  failed: '✖',
};

/** The reset's steps as they happen, then what changed, with the way back ("Undo reset"). */
export function RollbackProgress({ store }: { store: StoreApi<ResetState> }): ReactNode {
  const { phase, action, steps, outcome, cancelling, cancel, undo, list } = useStore(store);
  if (steps.length === 0 && phase !== 'running' && phase !== 'done') return null;
  const title = action === 'undo' ? 'Undoing the reset' : 'Resetting';
  return (
    <div className="rollback" data-testid="rollback">
      <h3>{phase === 'running' ? `${title}…` : title}</h3>
      <ol className="progress-list" aria-label="Reset steps" aria-live="polite">
        {steps.map((s) => (
          <li
            key={s.step}
            className={`rollback-step ${s.status}`}
            data-testid={`step-${s.step}`}
            data-status={s.status}
          >
            <span aria-hidden="true">{MARK[s.status]}</span> {s.label}
            <span className="visually-hidden"> ({s.status})</span>
            {s.detail && <span className="hint mono"> {s.detail}</span>}
          </li>
        ))}
      </ol>
      {phase === 'running' && (
        <button type="button" className="secondary" onClick={() => void cancel()} disabled={cancelling}>
          {cancelling ? 'Stopping after this step…' : 'Cancel'}
        </button>
      )}
      {phase === 'done' && outcome && (
        <div role="status" className="rollback-result" data-testid="reset-result">
          <p>
            {action === 'undo' ? 'Back to the state before the reset' : `Reset to “${outcome.targetName}”`}
            {outcome.service ? ` (service ${outcome.service} only)` : ''}.
          </p>
          <ul>
            <li>
              files restored:{' '}
              {outcome.restoredFiles.length === 0 ? 'none changed' : outcome.restoredFiles.join(', ')}
            </li>
            <li>volumes restored: {outcome.restoredVolumes.join(', ') || 'none'}</li>
            <li>the state before is kept as baseline {outcome.beforeReset}</li>
            <li data-testid="reset-check">
              check: {outcome.check.passed ? 'passed' : 'failed'}, score{' '}
              {(outcome.check.score * 100).toFixed(1)}%
            </li>
          </ul>
        </div>
      )}
      {phase === 'done' && list?.undoTo && (
        <button type="button" className="secondary" onClick={() => void undo()}>
          Undo reset
        </button>
      )}
    </div>
  );
}

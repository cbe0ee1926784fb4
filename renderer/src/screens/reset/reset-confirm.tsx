import { useEffect, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { formatAge, formatBytes } from '../../../../shared/format-size';
import type { ResetState } from './reset-store';

/**
 * The confirmation before a reset: what is kept (the current state is saved first, so undo is possible)
 * and what changes (contract files back to the baseline's commit, volumes restored), for the whole stack
 * or one service. Uncommitted contract files are named and need an explicit "overwrite".
 */
export function ResetConfirm({ store }: { store: StoreApi<ResetState> }): ReactNode {
  const { list, phase, scope, force, setForce, confirm, dismiss } = useStore(store);
  const first = useRef<HTMLButtonElement>(null);
  const open = phase === 'confirming' && list !== null;
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  if (!open) return null;
  const pending = list.pending;
  const target = list.baselines.find((b) => b.id === (pending?.target ?? list.lastKnownGood));
  const service = pending ? pending.service : scope;
  const files = service === null ? (target?.files ?? []) : [];
  const volumes = target?.volumes ?? [];
  const blocked = service === null && list.uncommitted.length > 0 && !force;

  return (
    <div
      role="alertdialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-kept"
      className="confirm"
      data-testid="reset-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') dismiss();
      }}
    >
      <h3 id="confirm-title">
        {pending ? 'Finish the reset to' : 'Reset to'} “{target?.name ?? pending?.target}”
        {target ? ` (${formatAge(target.createdAt)})` : ''}
        {service ? `, service ${service} only` : ''}?
      </h3>
      <p id="confirm-kept">
        <strong>Kept:</strong> the current volumes and contract files are saved first as a before-reset
        baseline, so nothing is lost; “Undo reset” returns to them.
      </p>
      <div>
        <strong>Changes:</strong>
        <ul className="confirm-changes">
          {files.length > 0 && (
            <li>
              contract files restored to{' '}
              {target?.commit ? `commit ${target.commit.slice(0, 10)}` : 'the baseline’s copy'}:{' '}
              {files.join(', ')} (only those that differ are rewritten)
            </li>
          )}
          {volumes.length > 0 && (
            <li>
              volumes restored (sha256 verified):{' '}
              {volumes.map((v) => `${v.key} (${formatBytes(v.bytes)})`).join(', ')}
            </li>
          )}
          <li>
            {service === null
              ? 'the stack is stopped and started again, health-gated'
              : `only ${service}’s containers are recreated; the other services keep running`}
          </li>
        </ul>
      </div>
      {service === null && list.uncommitted.length > 0 && (
        <div className="problem" data-testid="uncommitted">
          <p>Uncommitted changes a reset would overwrite: {list.uncommitted.join(', ')}.</p>
          <p className="hint">
            Commit or stash them first, or overwrite them (the before-reset baseline keeps a copy).
          </p>
          <label>
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Overwrite
            my uncommitted changes
          </label>
        </div>
      )}
      <div className="confirm-buttons">
        <button type="button" ref={first} onClick={() => void confirm()} disabled={blocked}>
          {pending ? 'Finish the reset' : 'Reset now'}
        </button>
        <button type="button" className="secondary" onClick={dismiss}>
          Keep everything as it is
        </button>
      </div>
    </div>
  );
}

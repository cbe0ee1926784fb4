import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from '../api/api-context';
import { createHostCheckStore } from '../stores/host-check-store';

const ICON = { error: '✖', warning: '!', info: '✓' } as const;

/** Host check: each finding with why and the exact commands that fix it. */
export function HostCheckCard(): ReactNode {
  const api = useApi();
  const [store] = useState(() => createHostCheckStore(api));
  const { status, findings, problem, run } = useStore(store);

  useEffect(() => {
    void run();
  }, [run]);

  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <section className="card" aria-labelledby="host-title" data-testid="host-check">
      <header className="card-header">
        <h2 id="host-title">Host check</h2>
        <button
          type="button"
          className="secondary"
          onClick={() => void run()}
          disabled={status === 'running'}
        >
          Check again
        </button>
      </header>
      {status === 'running' && <p role="status">Checking this host and its engine…</p>}
      {problem && (
        <div role="alert" className="problem">
          <p>{problem.message}</p>
          {problem.hint && <p className="hint">{problem.hint}</p>}
        </div>
      )}
      {status === 'done' && (
        <p className="verdict" data-testid="host-verdict">
          {errors === 0
            ? 'This host can run the stack.'
            : `${errors} problem${errors === 1 ? '' : 's'} to fix first.`}
        </p>
      )}
      <ul className="findings">
        {findings.map((finding) => (
          <li key={`${finding.kind}:${finding.message}`} className={`finding severity-${finding.severity}`}>
            <span className="finding-icon" aria-label={finding.severity}>
              {ICON[finding.severity]}
            </span>
            <div>
              <p>
                <code>{finding.kind}</code> {finding.message}
              </p>
              {finding.severity !== 'info' && (
                <div className="fix">
                  <p>{finding.remediation.summary}</p>
                  {finding.remediation.commands.length > 0 && (
                    <pre aria-label="Commands that fix it">{finding.remediation.commands.join('\n')}</pre>
                  )}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

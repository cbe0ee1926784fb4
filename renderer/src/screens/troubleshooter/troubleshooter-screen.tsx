import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DriftFinding } from '../../../../shared/drift-report-schema';
import { useApi } from '../../api/api-context';
import { StreamTerminal } from '../../terminal/stream-terminal';
import { pct } from '../setup/wizard-store';
import { EVIDENCE_SIDES, evidenceColumns } from './evidence-diff';
import {
  allGood,
  createTroubleshooterStore,
  groupFindings,
  selectedFinding,
  type FixRun,
  type TroubleshooterState,
} from './troubleshooter-store';

const CATEGORY_LABELS: Record<string, string> = {
  image: 'Images',
  service: 'Services',
  config: 'Configuration',
  data: 'Data',
  runtime: 'Runtime',
  health: 'Health',
  host: 'This machine',
};

/**
 * The Troubleshooter: every difference from staging by category, the evidence side by side with what
 * differs highlighted, a one-click fix with its live output and the re-check's before/after, and the exact
 * command for whoever would rather type it.
 */
export function TroubleshooterScreen(): ReactNode {
  const api = useApi();
  const [store] = useState(() => createTroubleshooterStore(api));
  const state = useStore(store);
  const load = state.load;
  useEffect(() => {
    void load();
  }, [load]);
  const { report, status, problem, fix } = state;
  const busy = status === 'checking' || status === 'loading' || fix?.status === 'running';

  return (
    <section className="card" aria-labelledby="trouble-title" data-testid="troubleshooter">
      <header className="card-header">
        <h2 id="trouble-title">Troubleshooter</h2>
        {report && (
          <span data-testid="trouble-score">
            Score <strong>{pct(report.score)}</strong> (threshold {pct(report.threshold)})
          </span>
        )}
        <button type="button" className="secondary" onClick={() => void state.check()} disabled={busy}>
          {status === 'checking' ? 'Checking…' : 'Check again'}
        </button>
      </header>
      {report && <p className="hint">Compared at {report.time}</p>}
      {(status === 'loading' || status === 'checking') && (
        <p role="status">{status === 'checking' ? 'Comparing with staging…' : 'Loading the last report…'}</p>
      )}
      {status === 'failed' && problem && (
        <div role="alert" className="problem" data-testid="check-failed">
          <p>The comparison with staging failed: {problem.message}</p>
          {problem.hint && <p className="hint">{problem.hint}</p>}
        </div>
      )}
      {report && allGood(report) && (
        <p className="verdict" data-testid="all-good">
          No differences to fix: this machine matches staging.
        </p>
      )}
      {report && (report.findings.length > 0 || selectedFinding(state) !== null) && (
        <div className="trouble">
          <FindingList state={state} />
          <FindingDetail state={state} />
        </div>
      )}
      {fix && <FixPanel fix={fix} state={state} />}
    </section>
  );
}

function FindingList({ state }: { state: TroubleshooterState }): ReactNode {
  const groups = groupFindings(state.report?.findings ?? []);
  return (
    <nav className="trouble-list" aria-label="Findings">
      {groups.map((group) => (
        <section key={group.category} aria-labelledby={`group-${group.category}`}>
          <h3 id={`group-${group.category}`}>
            {CATEGORY_LABELS[group.category] ?? group.category} ({group.findings.length})
          </h3>
          <ul>
            {group.findings.map((f) => (
              <li key={f.id}>
                <button
                  type="button"
                  className={`finding-button severity-${f.severity}`}
                  aria-current={f.id === state.selectedId ? 'true' : undefined}
                  onClick={() => state.select(f.id)}
                  data-testid="finding"
                  data-kind={f.kind}
                >
                  <span className="severity">{f.severity}</span> {f.remediation.title}
                  {f.service ? ` · ${f.service}` : ''}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

function FindingDetail({ state }: { state: TroubleshooterState }): ReactNode {
  const finding = selectedFinding(state);
  if (finding === null) return <p className="hint">Pick a finding to see its evidence.</p>;
  const running = state.fix?.status === 'running';
  // Shown from the fix's "before" once the re-check no longer reports it.
  const gone = !(state.report?.findings.some((f) => f.id === finding.id) ?? false);
  return (
    <article className="trouble-detail" aria-labelledby="finding-title" data-testid="finding-detail">
      <h3 id="finding-title">{finding.message}</h3>
      <p className="hint">
        <span className={`severity severity-${finding.severity}`}>{finding.severity}</span>{' '}
        <code>{finding.kind}</code>
        {finding.service ? ` · ${finding.service}` : ''}
      </p>
      <p>
        <strong>Why it matters:</strong> {finding.remediation.why}
      </p>
      {gone && (
        <p className="verdict" role="status" data-testid="finding-gone">
          Fixed: the re-check no longer reports this. As it was before the fix:
        </p>
      )}
      <Evidence finding={finding} />
      <div className="actions">
        {finding.remediation.action !== null && !gone && (
          <button type="button" onClick={state.startFix} disabled={running}>
            {running && state.fix?.findingId === finding.id ? 'Fixing…' : 'Fix it'}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          aria-expanded={state.commandShown}
          aria-controls="fix-command"
          onClick={state.toggleCommand}
        >
          Show me the command
        </button>
      </div>
      {state.commandShown && <Command finding={finding} />}
    </article>
  );
}

function Evidence({ finding }: { finding: DriftFinding }): ReactNode {
  const columns = evidenceColumns(finding.evidence);
  const sides = EVIDENCE_SIDES.filter((side) => columns[side] !== undefined);
  if (sides.length === 0) return null;
  return (
    <div className="evidence" data-testid="evidence" role="group" aria-label="Evidence">
      {sides.map((side) => (
        <figure key={side} className="evidence-side" data-side={side}>
          <figcaption>{side}</figcaption>
          <pre>
            {(columns[side] ?? []).map((line, i) =>
              line.differs ? (
                <mark key={i} title="differs from another side">
                  {line.text}
                  {'\n'}
                </mark>
              ) : (
                <span key={i}>
                  {line.text}
                  {'\n'}
                </span>
              ),
            )}
          </pre>
        </figure>
      ))}
    </div>
  );
}

function Command({ finding }: { finding: DriftFinding }): ReactNode {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const { command, steps } = finding.remediation;
  const copy = (text: string): void => {
    const clipboard = globalThis.navigator?.clipboard;
    if (clipboard === undefined) {
      setCopied('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <div id="fix-command" className="fix" data-testid="fix-command">
      {command !== null ? (
        <>
          <pre aria-label="The command">{command}</pre>
          <button type="button" className="secondary" onClick={() => copy(command)}>
            Copy
          </button>
          {copied !== 'idle' && (
            <span role="status">
              {copied === 'copied' ? 'Copied.' : 'Copying is not allowed here: select the text instead.'}
            </span>
          )}
        </>
      ) : (
        <p>No single command does this; by hand:</p>
      )}
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  );
}

function FixPanel({ fix, state }: { fix: FixRun; state: TroubleshooterState }): ReactNode {
  const api = useApi();
  const comparison = fix.outcome?.comparisons.find((c) => c.before.id === fix.findingId);
  return (
    <section
      className="terminal-panel"
      aria-labelledby="fix-title"
      data-testid="fix-panel"
      data-status={fix.status}
    >
      <header className="card-header">
        <h3 id="fix-title">Fix · {fix.findingId}</h3>
        <button type="button" className="secondary" onClick={state.closeFix}>
          {fix.status === 'running' ? 'Cancel' : 'Close'}
        </button>
      </header>
      <StreamTerminal
        sessionKey={`fix-${fix.key}`}
        start={() => api.remediation.apply({ findingId: fix.findingId })}
        label="Remediation output"
        endText="— fix finished —"
        onEnd={(error, result) => void state.fixEnded(error, result)}
      />
      {fix.status === 'failed' && fix.problem && (
        <div role="alert" className="problem" data-testid="fix-failed">
          <p>The fix failed: {fix.problem.message}</p>
          {fix.problem.hint && <p className="hint">{fix.problem.hint}</p>}
        </div>
      )}
      {fix.outcome && comparison && (
        <dl className="facts" data-testid="fix-outcome">
          <dt>Before</dt>
          <dd>
            ✖ {comparison.before.severity}: {comparison.before.message}
          </dd>
          <dt>After</dt>
          <dd data-testid="fix-after">
            {comparison.after === null ? '✓ fixed' : `✖ ${comparison.after.message}`}
          </dd>
          <dt>Score</dt>
          <dd data-testid="fix-score">
            {pct(fix.outcome.scoreBefore)} → {pct(fix.outcome.scoreAfter)}{' '}
            {fix.outcome.passedAfter ? '(passing)' : `(below ${pct(fix.outcome.threshold)})`}
          </dd>
        </dl>
      )}
    </section>
  );
}

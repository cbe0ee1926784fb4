import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { WIZARD_STEPS, type WizardStep } from '../../../../shared/wizard-schema';
import { useApi } from '../../api/api-context';
import { imageFraction } from './pull-board';
import { createWizardStore, pct, type WizardStore } from './wizard-store';

const LABELS: Record<WizardStep, string> = {
  host: 'Host check',
  pull: 'Pull images',
  start: 'Start stack',
  seed: 'Seed',
  compare: 'Compare with staging',
  ready: 'Ready',
};

const ACTIONS: Record<WizardStep, string> = {
  host: 'Check this host',
  pull: 'Pull the images',
  start: 'Start the stack',
  seed: 'Seed the database',
  compare: 'Compare with staging',
  ready: '',
};

/** The setup wizard; it resumes at the first step not yet proven (saved main-side per workspace). */
export function SetupScreen({ workspacePath }: { workspacePath: string }): ReactNode {
  const api = useApi();
  const [store] = useState(() => createWizardStore(api, workspacePath));
  const state = useStore(store);
  const load = state.load;
  useEffect(() => {
    void load();
  }, [load]);
  if (!state.loaded) return <p role="status">Loading the wizard…</p>;
  const step = state.saved.step;

  return (
    <section className="card wizard" aria-labelledby="setup-title" data-testid="setup" data-step={step}>
      <header className="card-header">
        <h2 id="setup-title">Setup</h2>
        <button
          type="button"
          className="secondary"
          onClick={() => void state.restart()}
          disabled={state.running}
        >
          Start over
        </button>
      </header>
      <ol className="steps" aria-label="Setup steps">
        {WIZARD_STEPS.map((s) => (
          <li
            key={s}
            className={`step ${s === step ? 'current' : ''} ${state.saved.done.includes(s) ? 'done' : ''}`}
            aria-current={s === step ? 'step' : undefined}
          >
            {state.saved.done.includes(s) ? '✓ ' : ''}
            {LABELS[s]}
          </li>
        ))}
      </ol>
      <h3 data-testid="step-title">{LABELS[step]}</h3>
      {/* What each step showed stays in view: the proof of the steps already done. */}
      {state.hostFindings.length > 0 && <StepBody store={state} step="host" />}
      {Object.keys(state.pull).length > 0 && <StepBody store={state} step="pull" />}
      {Object.keys(state.stack).length > 0 && <StepBody store={state} step="start" />}
      {state.seedLog !== '' && <StepBody store={state} step="seed" />}
      {(step === 'compare' || step === 'ready') && <StepBody store={state} step={step} />}
      {state.failure && (
        <div role="alert" className="problem" data-testid="step-failure">
          <p className="finding-text">{state.failure.finding}</p>
          <p className="hint">Why it matters: {state.failure.why}</p>
          <p>Fix: {state.failure.fix}</p>
          <p>The command it runs:</p>
          <pre aria-label="Command">{state.failure.command}</pre>
          <button type="button" onClick={() => void state.run()}>
            Fix it and try again
          </button>
        </div>
      )}
      {step !== 'ready' && !state.hostKey && (
        <button type="button" onClick={() => void state.run()} disabled={state.running}>
          {state.running ? `${LABELS[step]}…` : ACTIONS[step]}
        </button>
      )}
    </section>
  );
}

function StepBody({ store, step }: { store: WizardStore; step: WizardStep }): ReactNode {
  switch (step) {
    case 'host':
      return (
        <ul className="findings" data-testid="host-findings">
          {store.hostFindings.map((f) => (
            <li key={`${f.kind}:${f.message}`} className={`finding severity-${f.severity}`}>
              <code>{f.kind}</code> {f.message}
            </li>
          ))}
        </ul>
      );
    case 'pull':
      return <PullProgress store={store} />;
    case 'start':
      return <StackProgress store={store} />;
    case 'seed':
      return (
        <>
          <pre className="log" aria-label="Seed output" data-testid="seed-log">
            {store.seedLog}
          </pre>
          {store.seed && (
            <p data-testid="seed-checksum">
              Checksum <code>{store.seed.checksum}</code>{' '}
              {store.seed.matches === true
                ? 'matches parity.yml'
                : store.seed.matches === null
                  ? '(parity.yml pins none)'
                  : 'differs'}
            </p>
          )}
        </>
      );
    case 'compare':
      return store.hostKey ? (
        <div className="confirm" data-testid="host-key">
          <p>
            First connection to staging <code>{store.hostKey.target}</code>. Its host key fingerprint is:
          </p>
          <pre data-testid="host-fingerprint">{store.hostKey.fingerprint}</pre>
          <p>Confirm it with staging’s administrator before you trust it.</p>
          <button type="button" onClick={() => void store.confirmHostKey()} disabled={store.running}>
            Trust this fingerprint
          </button>
        </div>
      ) : (
        <p>Compares this machine’s stack with staging over SSH and scores the match.</p>
      );
    case 'ready':
      return <ReadySummary store={store} />;
  }
}

function PullProgress({ store }: { store: WizardStore }): ReactNode {
  const images = Object.entries(store.pull);
  return (
    <ul className="progress-list" data-testid="pull-board">
      {images.map(([service, image]) => (
        <li key={service}>
          <label>
            {service} <span className="mono">{image.reference}</span>{' '}
            <strong data-testid={`pull-state-${service}`}>
              {image.state === 'verified' ? 'digest verified' : image.state}
            </strong>
            <progress max={1} value={imageFraction(image)} aria-label={`${service} image progress`} />
          </label>
          <ul className="layers">
            {Object.entries(image.layers).map(([layer, p]) => (
              <li key={layer}>
                <span className="mono">{layer}</span> {p.status}
                <progress max={p.total || 1} value={p.total ? p.current : 0} aria-label={`layer ${layer}`} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function StackProgress({ store }: { store: WizardStore }): ReactNode {
  return (
    <table className="services" data-testid="stack-board">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">State</th>
          <th scope="col">Waiting for</th>
          <th scope="col">Time to healthy</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(store.stack).map(([service, s]) => (
          <tr key={service}>
            <td>{service}</td>
            <td data-testid={`service-state-${service}`}>{s.state}</td>
            <td>{s.waitingFor ?? ''}</td>
            <td>{s.msToHealthy === null ? '' : `${(s.msToHealthy / 1000).toFixed(1)} s`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReadySummary({ store }: { store: WizardStore }): ReactNode {
  const { saved, report } = store;
  const ms =
    saved.startedAt && saved.readyAt
      ? new Date(saved.readyAt).getTime() - new Date(saved.startedAt).getTime()
      : null;
  return (
    <div data-testid="ready">
      <p className="verdict">Your machine matches staging.</p>
      <dl className="facts">
        <dt>Time from start to ready</dt>
        <dd data-testid="time-to-ready">{ms === null ? '—' : `${Math.round(ms / 1000)} s`}</dd>
        <dt>Verified</dt>
        <dd>
          {saved.done
            .filter((s) => s !== 'ready')
            .map((s) => LABELS[s])
            .join(' · ')}
        </dd>
        <dt>Score</dt>
        <dd data-testid="ready-score">{saved.score === null ? '—' : pct(saved.score)}</dd>
        <dt>Checked</dt>
        <dd>{saved.scoredAt ?? '—'}</dd>
      </dl>
      {report && (
        <details>
          <summary>
            The report ({report.checks.length} checks, {report.findings.length} findings)
          </summary>
          <ul>
            {report.findings.map((f) => (
              <li key={f.id}>
                {f.severity}: {f.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import type { WizardState } from '../../../../shared/wizard-schema';
import { useApi } from '../../api/api-context';
import { ContainersCard } from '../../components/containers-card';
import { EngineCard } from '../../components/engine-card';
import { HostCheckCard } from '../../components/host-check-card';
import { SeedCard } from '../../components/seed-card';
import type { EngineState } from '../../stores/engine-store';
import { pct } from '../setup/wizard-store';

/** Dashboard: the engine, this host, the stack's services with their health, and the last score. */
export function DashboardScreen({
  engine,
  workspaceOpen,
  onRetry,
}: {
  engine: Pick<EngineState, 'status' | 'engine' | 'problem'>;
  workspaceOpen: boolean;
  onRetry: () => void;
}): ReactNode {
  return (
    <div data-testid="dashboard">
      {workspaceOpen && <LastScoreCard />}
      <EngineCard state={engine} onRetry={onRetry} />
      {engine.status === 'ready' && <HostCheckCard />}
      {engine.status === 'ready' && <ContainersCard />}
      {engine.status === 'ready' && workspaceOpen && <SeedCard />}
    </div>
  );
}

function LastScoreCard(): ReactNode {
  const api = useApi();
  const [state, setState] = useState<WizardState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api.wizard
      .state()
      .then(setState, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [api]);
  return (
    <section className="card" aria-labelledby="score-title" data-testid="last-score">
      <h2 id="score-title">Parity with staging</h2>
      {problem && <p role="alert">{problem}</p>}
      {state && state.score === null && <p>Not compared yet: walk the Setup to the comparison.</p>}
      {state && state.score !== null && (
        <p className={state.passed ? 'verdict' : 'problem'}>
          Last score <strong data-testid="dashboard-score">{pct(state.score)}</strong>{' '}
          {state.passed ? '(passing)' : '(below the threshold)'} at {state.scoredAt}
        </p>
      )}
    </section>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import type { DriftReport } from '../../../../shared/drift-report-schema';
import type { WizardState } from '../../../../shared/wizard-schema';
import { useApi } from '../../api/api-context';
import { ContainersCard } from '../../components/containers-card';
import { DigestsCard } from '../../components/digests-card';
import { EngineCard } from '../../components/engine-card';
import { HostCheckCard } from '../../components/host-check-card';
import { SeedCard } from '../../components/seed-card';
import type { EngineState } from '../../stores/engine-store';
import { pct } from '../setup/wizard-store';

/**
 * Dashboard: the last score, the image digests pinned vs running vs staging, the engine, this host, the
 * stack's services with their health.
 */
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
      {workspaceOpen && <DigestsCard />}
      <EngineCard state={engine} onRetry={onRetry} />
      {engine.status === 'ready' && <HostCheckCard />}
      {engine.status === 'ready' && <ContainersCard />}
      {engine.status === 'ready' && workspaceOpen && <SeedCard />}
    </div>
  );
}

interface LastScore {
  score: number;
  passed: boolean;
  at: string | null;
}

/** The last comparison's score: a Troubleshooter re-check is newer than the wizard's, so it wins. */
function LastScoreCard(): ReactNode {
  const api = useApi();
  const [last, setLast] = useState<LastScore | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([api.wizard.state(), api.drift.last()]).then(
      ([wizard, report]: [WizardState, DriftReport | null]) =>
        setLast(
          report !== null
            ? { score: report.score, passed: report.passed, at: report.time }
            : wizard.score === null
              ? null
              : { score: wizard.score, passed: wizard.passed === true, at: wizard.scoredAt },
        ),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, [api]);
  return (
    <section className="card" aria-labelledby="score-title" data-testid="last-score">
      <h2 id="score-title">Parity with staging</h2>
      {problem && <p role="alert">{problem}</p>}
      {last === null && <p>Not compared yet: walk the Setup to the comparison.</p>}
      {last && (
        <p className={last.passed ? 'verdict' : 'problem'}>
          Last score <strong data-testid="dashboard-score">{pct(last.score)}</strong>{' '}
          {last.passed ? '(passing)' : '(below the threshold)'} at {last.at}
        </p>
      )}
    </section>
  );
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../../shared/api-client';
import type { ApiErrorData } from '../../../../shared/api-error';
import {
  DRIFT_CATEGORIES,
  type DriftCategory,
  type DriftFinding,
  type DriftReport,
  type DriftSeverity,
} from '../../../../shared/drift-report-schema';
import {
  fixFindingsResultSchema,
  type FixFindingsResult,
} from '../../../../shared/remediation-result-schema';
import { toProblem, type ProblemView } from '../../stores/engine-store';

/** One run of "Fix it": its terminal session, and how it ended. */
export interface FixRun {
  findingId: string;
  /** A new key starts a new remediation stream in the terminal panel. */
  key: number;
  status: 'running' | 'fixed' | 'failed';
  outcome: FixFindingsResult | null;
  problem: ProblemView | null;
}

export interface TroubleshooterState {
  report: DriftReport | null;
  /** loading: reading the last report; checking: comparing with staging now; failed: the check failed. */
  status: 'idle' | 'loading' | 'checking' | 'ready' | 'failed';
  /** Why the check failed (message and what to do). */
  problem: ProblemView | null;
  selectedId: string | null;
  commandShown: boolean;
  fix: FixRun | null;
  /** Shows the last report; compares with staging when there is none yet. */
  load: () => Promise<void>;
  /** Compares with staging now. */
  check: () => Promise<void>;
  select: (findingId: string) => void;
  toggleCommand: () => void;
  /** Starts the selected finding's automated fix (the terminal panel runs the stream). */
  startFix: () => void;
  /** Closes the fix panel; a fix still running is cancelled with it. */
  closeFix: () => void;
  /** The remediation stream ended: record the outcome and show the re-check's report. */
  fixEnded: (error?: ApiErrorData, result?: unknown) => Promise<void>;
}

const SEVERITY_ORDER: Record<DriftSeverity, number> = { error: 0, warning: 1, info: 2 };

export interface FindingGroup {
  category: DriftCategory;
  findings: DriftFinding[];
}

/** Findings by category (in the report's category order), the worst first inside each. */
export function groupFindings(findings: readonly DriftFinding[]): FindingGroup[] {
  return DRIFT_CATEGORIES.map((category) => ({
    category,
    findings: findings
      .filter((f) => f.category === category)
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id.localeCompare(b.id)),
  })).filter((group) => group.findings.length > 0);
}

/** Nothing to fix: info findings are notes (a host fact, a difference that may be on purpose), not drift. */
export function allGood(report: DriftReport): boolean {
  return report.findings.every((f) => f.severity === 'info');
}

/**
 * The finding the detail panel shows: from the report, or — once a fix made it disappear from the
 * re-check — as it was before the fix, so the before/after stays in view.
 */
export function selectedFinding(
  state: Pick<TroubleshooterState, 'report' | 'selectedId' | 'fix'>,
): DriftFinding | null {
  const { report, selectedId, fix } = state;
  if (selectedId === null) return null;
  const current = report?.findings.find((f) => f.id === selectedId);
  if (current) return current;
  return fix?.findingId === selectedId
    ? (fix.outcome?.comparisons.find((c) => c.before.id === selectedId)?.before ?? null)
    : null;
}

/** The first finding worth looking at: the worst one there is. */
function firstToShow(report: DriftReport): string | null {
  return (
    groupFindings(report.findings)
      .flatMap((g) => g.findings)
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0]?.id ?? null
  );
}

/**
 * The Troubleshooter's state: the last drift report, the chosen finding, and the one fix that may run.
 * Every action goes through the contract; the fix's finding is looked up main-side by its id.
 */
export function createTroubleshooterStore(api: ParityApi): StoreApi<TroubleshooterState> {
  let runs = 0;
  return createStore<TroubleshooterState>((set, get) => {
    const show = (report: DriftReport | null): void => {
      const keep = get().selectedId;
      const stillThere = report?.findings.some((f) => f.id === keep) ?? false;
      set({
        report,
        status: 'ready',
        problem: null,
        selectedId: stillThere || get().fix?.findingId === keep ? keep : report ? firstToShow(report) : null,
      });
    };
    return {
      report: null,
      status: 'idle',
      problem: null,
      selectedId: null,
      commandShown: false,
      fix: null,
      load: async () => {
        set({ status: 'loading', problem: null });
        try {
          const last = await api.drift.last();
          if (last === null) await get().check();
          else show(last);
        } catch (error) {
          set({ status: 'failed', problem: toProblem(error) });
        }
      },
      check: async () => {
        set({ status: 'checking', problem: null });
        try {
          show(await api.drift.check());
        } catch (error) {
          set({ status: 'failed', problem: toProblem(error) });
        }
      },
      select: (findingId) => set({ selectedId: findingId, commandShown: false }),
      toggleCommand: () => set({ commandShown: !get().commandShown }),
      startFix: () => {
        const finding = selectedFinding(get());
        if (finding === null || finding.remediation.action === null) return;
        if (get().fix?.status === 'running') return;
        runs += 1;
        set({
          fix: { findingId: finding.id, key: runs, status: 'running', outcome: null, problem: null },
        });
      },
      closeFix: () => set({ fix: null }),
      fixEnded: async (error, result) => {
        const fix = get().fix;
        if (fix === null) return;
        if (error) {
          set({ fix: { ...fix, status: 'failed', problem: { message: error.message, hint: error.hint } } });
          return;
        }
        const parsed = fixFindingsResultSchema.safeParse(result);
        if (!parsed.success) {
          set({
            fix: {
              ...fix,
              status: 'failed',
              problem: {
                message: 'The fix ended without saying what it did.',
                hint: 'Check again to see where things stand.',
              },
            },
          });
          return;
        }
        const outcome = parsed.data;
        const ran = outcome.results[0];
        const fixed = ran?.ok === true;
        set({
          fix: {
            ...fix,
            status: fixed ? 'fixed' : 'failed',
            outcome,
            problem: fixed
              ? null
              : { message: ran?.summary ?? 'The fix did not run.', hint: ran?.byHand ?? undefined },
          },
        });
        // The re-check saved its report main-side: show it, with the new score.
        try {
          show(await api.drift.last());
        } catch (failure) {
          set({ status: 'failed', problem: toProblem(failure) });
        }
      },
    };
  });
}

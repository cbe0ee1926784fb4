import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../../shared/api-client';
import {
  rollbackOutcomeSchema,
  rollbackStepSchema,
  type BaselineList,
  type RollbackOutcome,
  type RollbackStepView,
} from '../../../../shared/reset-schema';
import { followStream } from '../../api/follow-stream';
import { toProblem, type ProblemView } from '../../stores/engine-store';
import { splitLines } from '../setup/stack-board';

/**
 * idle → confirming (what is kept, what changes) → running (live steps) → done (what changed, Undo) |
 * failed (message and hint) | interrupted (cancelled between steps; running again finishes it).
 */
export type ResetPhase = 'idle' | 'confirming' | 'running' | 'done' | 'failed' | 'interrupted';

export interface ResetState {
  list: BaselineList | null;
  loading: boolean;
  /** The last thing that went wrong: loading, saving, or the reset itself. */
  problem: ProblemView | null;
  /** Reset the whole stack (null) or one service's containers and volumes. */
  scope: string | null;
  /** Overwrite contract files with uncommitted changes. */
  force: boolean;
  phase: ResetPhase;
  /** Which of the two runs the phase is about. */
  action: 'reset' | 'undo';
  /** One entry per step, in the order they started, with their latest status. */
  steps: RollbackStepView[];
  outcome: RollbackOutcome | null;
  cancelling: boolean;
  saving: boolean;
  /** The baseline "Save baseline now" just saved. */
  saved: string | null;
  load: () => Promise<void>;
  saveNow: (name?: string) => Promise<void>;
  chooseScope: (service: string | null) => void;
  setForce: (force: boolean) => void;
  /** Shows the confirmation for a reset to the last known-good baseline. */
  ask: () => void;
  dismiss: () => void;
  /** The user confirmed: reset (or finish the interrupted one). */
  confirm: () => Promise<void>;
  /** Returns to the state before the last reset (itself saved first, so it can be undone too). */
  undo: () => Promise<void>;
  /** Stops the running reset between steps. */
  cancel: () => Promise<void>;
}

/** Merges a step's new status into the list: one row per step, kept where it first appeared. */
export function applyStep(steps: RollbackStepView[], line: string): RollbackStepView[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return steps;
  }
  const step = rollbackStepSchema.safeParse(parsed);
  if (!step.success) return steps;
  const at = steps.findIndex((s) => s.step === step.data.step);
  if (at === -1) return [...steps, step.data];
  return steps.map((s, i) => (i === at ? step.data : s));
}

/** The Reset screen's store: the workspace's baselines, and a reset or undo run live through the API. */
export function createResetStore(api: ParityApi): StoreApi<ResetState> {
  return createStore<ResetState>((set, get) => {
    let streamId: string | undefined;

    const run = (action: 'reset' | 'undo'): Promise<void> => {
      const { scope, force, list } = get();
      set({ phase: 'running', action, steps: [], outcome: null, problem: null, cancelling: false });
      const request = (): Promise<{ streamId: string }> =>
        action === 'undo'
          ? api.rollback.undo({ force })
          : api.rollback.run({
              force,
              // An interrupted reset is finished as it was started: the journal knows its target and scope.
              ...(list?.pending || scope === null ? {} : { service: scope }),
            });
      let carry = '';
      return new Promise<void>((resolve) => {
        followStream(
          api,
          async () => {
            const started = await request();
            streamId = started.streamId;
            return started;
          },
          {
            onData: (data) => {
              const split = splitLines(carry, data);
              carry = split.carry;
              let steps = get().steps;
              for (const line of split.lines) steps = applyStep(steps, line);
              set({ steps });
            },
            onEnd: (error, result) => {
              streamId = undefined;
              const outcome = rollbackOutcomeSchema.safeParse(result);
              if (error) set({ phase: 'failed', problem: { message: error.message, hint: error.hint } });
              else if (outcome.success) set({ phase: 'done', outcome: outcome.data, force: false });
              else
                set({
                  phase: 'interrupted',
                  problem: {
                    message: 'The reset stopped between two steps. Nothing was lost.',
                    hint: 'Run it again to finish it: the steps already done are skipped.',
                  },
                });
              set({ cancelling: false });
              void get().load().then(resolve);
            },
          },
        );
      });
    };

    return {
      list: null,
      loading: false,
      problem: null,
      scope: null,
      force: false,
      phase: 'idle',
      action: 'reset',
      steps: [],
      outcome: null,
      cancelling: false,
      saving: false,
      saved: null,
      load: async () => {
        set({ loading: true });
        try {
          set({ list: await api.baseline.list(), loading: false });
        } catch (error) {
          set({ loading: false, problem: toProblem(error) });
        }
      },
      saveNow: async (name) => {
        set({ saving: true, saved: null, problem: null });
        try {
          const saved = await api.baseline.save(name === undefined ? {} : { name });
          set({ saving: false, saved: saved.name });
          await get().load();
        } catch (error) {
          set({ saving: false, problem: toProblem(error) });
        }
      },
      chooseScope: (service) => set({ scope: service }),
      setForce: (force) => set({ force }),
      ask: () => set({ phase: 'confirming', action: 'reset', problem: null }),
      dismiss: () => set({ phase: 'idle', force: false }),
      confirm: () => run('reset'),
      undo: () => run('undo'),
      cancel: async () => {
        if (streamId === undefined || get().cancelling) return;
        set({ cancelling: true });
        await api.stream.cancel({ streamId });
      },
    };
  });
}

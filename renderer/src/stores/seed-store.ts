import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorData } from '../../../shared/api-error';
import { seedOutcomeSchema, type SeedOutcomeView } from '../../../shared/finding-schema';

export interface SeedState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** Bumped on every run so the terminal starts a new session. */
  run: number;
  outcome: SeedOutcomeView | null;
  problem: ApiErrorData | null;
  start: () => void;
  finish: (error?: ApiErrorData, result?: unknown) => void;
}

/** One seed run at a time: its live output goes to the terminal, its checksum comes with the end. */
export function createSeedStore(): StoreApi<SeedState> {
  return createStore<SeedState>((set, get) => ({
    status: 'idle',
    run: 0,
    outcome: null,
    problem: null,
    start: () => {
      if (get().status === 'running') return;
      set({ status: 'running', run: get().run + 1, outcome: null, problem: null });
    },
    finish: (error, result) => {
      if (error) {
        set({ status: 'error', problem: error });
        return;
      }
      const parsed = seedOutcomeSchema.safeParse(result);
      set(
        parsed.success
          ? { status: 'done', outcome: parsed.data }
          : { status: 'error', problem: { code: 'internal', message: 'The seed ended without a checksum.' } },
      );
    },
  }));
}

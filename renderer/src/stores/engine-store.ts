import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../shared/api-client';
import type { AppInfo, EngineVersion } from '../../../shared/contract';
import { ParityApiError } from '../../../shared/api-error';

export interface ProblemView {
  message: string;
  hint?: string | undefined;
}

export interface EngineState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  app: AppInfo | null;
  engine: EngineVersion | null;
  problem: ProblemView | null;
  refresh: () => Promise<void>;
}

/** What the app knows about itself and its engine; refreshed on demand. */
export function createEngineStore(api: ParityApi): StoreApi<EngineState> {
  return createStore<EngineState>((set) => ({
    status: 'idle',
    app: null,
    engine: null,
    problem: null,
    refresh: async () => {
      set({ status: 'loading', problem: null });
      try {
        // The app's own facts first: they still show when the engine is down.
        set({ app: await api.app.info() });
        set({ status: 'ready', engine: await api.engine.version() });
      } catch (error) {
        set({ status: 'error', problem: toProblem(error) });
      }
    },
  }));
}

export function toProblem(error: unknown): ProblemView {
  if (error instanceof ParityApiError) return { message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error) };
}

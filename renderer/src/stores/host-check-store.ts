import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../shared/api-client';
import type { HostFinding } from '../../../shared/finding-schema';
import { toProblem, type ProblemView } from './engine-store';

export interface HostCheckState {
  status: 'idle' | 'running' | 'done' | 'error';
  findings: HostFinding[];
  problem: ProblemView | null;
  run: () => Promise<void>;
}

/** The doctor's verdict on this host and its engine. */
export function createHostCheckStore(api: ParityApi): StoreApi<HostCheckState> {
  return createStore<HostCheckState>((set) => ({
    status: 'idle',
    findings: [],
    problem: null,
    run: async () => {
      set({ status: 'running', problem: null });
      try {
        const { findings } = await api.host.doctor();
        set({ status: 'done', findings });
      } catch (error) {
        set({ status: 'error', problem: toProblem(error) });
      }
    },
  }));
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../shared/api-client';
import type { ContainerSummary } from '../../../shared/contract';
import { toProblem, type ProblemView } from './engine-store';

export interface ContainersState {
  containers: ContainerSummary[];
  problem: ProblemView | null;
  /** The container whose logs the terminal follows, if any. */
  following: string | null;
  refresh: () => Promise<void>;
  follow: (name: string | null) => void;
}

export function createContainersStore(api: ParityApi): StoreApi<ContainersState> {
  return createStore<ContainersState>((set) => ({
    containers: [],
    problem: null,
    following: null,
    refresh: async () => {
      try {
        set({ containers: await api.containers.list(), problem: null });
      } catch (error) {
        set({ problem: toProblem(error) });
      }
    },
    follow: (name) => set({ following: name }),
  }));
}

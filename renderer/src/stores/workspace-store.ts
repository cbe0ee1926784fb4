import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../shared/api-client';
import { toProblem, type ProblemView } from './engine-store';

export interface WorkspaceRef {
  name: string;
  path: string;
}

export interface WorkspaceState {
  recent: Array<WorkspaceRef & { openedAt: string }>;
  demo: WorkspaceRef | null;
  problem: ProblemView | null;
  opening: boolean;
  load: () => Promise<void>;
  /** Opens a workspace; resolves with it, or with null after showing why it could not be opened. */
  open: (path: string) => Promise<WorkspaceRef | null>;
}

export function createWorkspaceStore(api: ParityApi): StoreApi<WorkspaceState> {
  return createStore<WorkspaceState>((set) => ({
    recent: [],
    demo: null,
    problem: null,
    opening: false,
    load: async () => {
      try {
        set({ ...(await api.workspace.recent()), problem: null });
      } catch (error) {
        set({ problem: toProblem(error) });
      }
    },
    open: async (path) => {
      set({ opening: true, problem: null });
      try {
        const opened = await api.workspace.open({ path });
        set({ opening: false, ...(await api.workspace.recent()) });
        return opened;
      } catch (error) {
        set({ opening: false, problem: toProblem(error) });
        return null;
      }
    },
  }));
}

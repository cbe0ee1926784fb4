import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../../shared/api-client';
import type { ApiErrorData } from '../../../../shared/api-error';
import type { ContainerSummary } from '../../../../shared/contract';
import { toProblem, type ProblemView } from '../../stores/engine-store';

/** What the terminal panel shows: nothing, a container's logs, or a shell in it. */
export type TerminalSession = { kind: 'logs' | 'shell'; container: string; key: number };

export interface TerminalState {
  containers: ContainerSummary[];
  problem: ProblemView | null;
  session: TerminalSession | null;
  /** How the last session ended: null while running, or the error / exit code it ended with. */
  ended: { problem: ProblemView | null; exitCode: number | null } | null;
  refresh: () => Promise<void>;
  open: (kind: TerminalSession['kind'], container: string) => void;
  close: () => void;
  sessionEnded: (error?: ApiErrorData, result?: unknown) => void;
}

/** The terminal screen's state: the running containers to pick from and the one open session. */
export function createTerminalStore(api: ParityApi): StoreApi<TerminalState> {
  let counter = 0;
  return createStore<TerminalState>((set) => ({
    containers: [],
    problem: null,
    session: null,
    ended: null,
    refresh: async () => {
      try {
        const all = await api.containers.list();
        set({ containers: all.filter((c) => c.state === 'running'), problem: null });
      } catch (error) {
        set({ problem: toProblem(error) });
      }
    },
    open: (kind, container) => {
      counter += 1;
      set({ session: { kind, container, key: counter }, ended: null });
    },
    close: () => set({ session: null, ended: null }),
    sessionEnded: (error, result) => {
      const exitCode =
        typeof result === 'object' &&
        result !== null &&
        typeof (result as { exitCode?: unknown }).exitCode === 'number'
          ? (result as { exitCode: number }).exitCode
          : null;
      set({ ended: { problem: error ? { message: error.message, hint: error.hint } : null, exitCode } });
    },
  }));
}

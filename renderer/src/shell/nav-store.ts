import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ScreenId } from './screens';

export interface NavState {
  screen: ScreenId;
  go: (screen: ScreenId) => void;
}

/** Which screen the shell shows; one store, one concern. */
export function createNavStore(initial: ScreenId = 'dashboard'): StoreApi<NavState> {
  return createStore<NavState>((set) => ({ screen: initial, go: (screen) => set({ screen }) }));
}

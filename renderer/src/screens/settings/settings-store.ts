import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ParityApi } from '../../../../shared/api-client';
import { appSettingsSchema, defaultSettings, type AppSettings } from '../../../../shared/wizard-schema';
import { toProblem, type ProblemView } from '../../stores/engine-store';

export interface SettingsState {
  settings: AppSettings;
  /** Field → why its value is refused (checked here for speed, and again main-side). */
  invalid: Partial<Record<keyof AppSettings, string>>;
  problem: ProblemView | null;
  saved: boolean;
  load: () => Promise<void>;
  save: (settings: AppSettings) => Promise<boolean>;
}

/** The app's settings: loaded from and saved to the main side, which validates them again. */
export function createSettingsStore(api: ParityApi): StoreApi<SettingsState> {
  return createStore<SettingsState>((set) => ({
    settings: defaultSettings,
    invalid: {},
    problem: null,
    saved: false,
    load: async () => {
      try {
        set({ settings: await api.settings.get(), problem: null });
      } catch (error) {
        set({ problem: toProblem(error) });
      }
    },
    save: async (settings) => {
      const parsed = appSettingsSchema.safeParse(settings);
      if (!parsed.success) {
        const invalid: SettingsState['invalid'] = {};
        for (const issue of parsed.error.issues) invalid[issue.path[0] as keyof AppSettings] = issue.message;
        set({ invalid, saved: false });
        return false;
      }
      try {
        set({
          settings: await api.settings.save({ settings: parsed.data }),
          invalid: {},
          problem: null,
          saved: true,
        });
        return true;
      } catch (error) {
        set({ problem: toProblem(error), saved: false });
        return false;
      }
    },
  }));
}

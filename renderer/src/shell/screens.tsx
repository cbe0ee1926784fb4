import type { ReactNode } from 'react';

/**
 * The app's screens, in navigation order. The registry is the one place a screen is plugged in: the shell
 * draws the navigation from it and renders the chosen entry with what the shell knows.
 */
export const SCREEN_IDS = [
  'welcome',
  'setup',
  'dashboard',
  'troubleshooter',
  'terminal',
  'reset',
  'settings',
] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

export interface ScreenContext {
  workspacePath: string | null;
  /** Renders the screen of this id as the shell built it (used by the registry entries below). */
  go: (screen: ScreenId) => void;
}

export interface ScreenEntry {
  id: ScreenId;
  label: string;
  /** Needs an open workspace; disabled in the navigation until one is open. */
  needsWorkspace: boolean;
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'welcome', label: 'Welcome', needsWorkspace: false },
  { id: 'setup', label: 'Setup', needsWorkspace: true },
  { id: 'dashboard', label: 'Dashboard', needsWorkspace: false },
  { id: 'troubleshooter', label: 'Troubleshooter', needsWorkspace: true },
  { id: 'terminal', label: 'Terminal', needsWorkspace: false },
  { id: 'reset', label: 'Reset', needsWorkspace: true },
  { id: 'settings', label: 'Settings', needsWorkspace: false },
];

export type ScreenRenderers = Record<ScreenId, (context: ScreenContext) => ReactNode>;

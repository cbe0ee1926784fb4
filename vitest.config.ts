import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * One run, seven projects: unit and component tests need nothing; integration and end-to-end tests talk to
 * the lab's real engines, registry and sshd (npm run lab:up), one file at a time so they never race; security
 * (Electronegativity and the window policy) and packaging (electron-builder, offline) check the shipped shape;
 * faults inject faults and hostile input into the real parts.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [react()],
        test: { name: 'component', include: ['test/component/**/*.test.tsx'], environment: 'happy-dom' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'security', include: ['test/security/**/*.test.ts'], environment: 'node' } },
      {
        // Packs the built app with electron-builder against a stand-in Electron (no download): tens of seconds.
        test: {
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // After every other project: the walk seeds the lab's shared staging database for its run, and an
          // integration test comparing with staging at the same moment would see it.
          sequence: { groupOrder: 1 },
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Injected faults and hostile input against the real parts; writes docs/reliability.md.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

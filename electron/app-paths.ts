import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where things are, from the built files in out/main: the project root two levels up, the renderer
 * build beside it, and the demo lab's description file under .lab/.
 */
export function appPaths(moduleUrl: string): {
  root: string;
  renderer: string;
  preload: string;
  labFile: string;
} {
  const here = dirname(fileURLToPath(moduleUrl));
  const root = resolve(here, '..', '..');
  return {
    root,
    renderer: join(root, 'out', 'renderer'),
    preload: join(root, 'out', 'preload', 'preload.cjs'),
    labFile: process.env['PARITY_LAB_FILE'] ?? join(root, '.lab', 'lab.json'),
  };
}

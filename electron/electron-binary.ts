import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The path of Electron's binary, or undefined where it was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD,
 * or the install script not approved): the `electron` package then throws when asked for its path.
 */
export function findElectronBinary(): string | undefined {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

import { spawn } from 'node:child_process';
import { appPaths } from './app-paths';
import { APP_VERSION } from './app-version';
import { startBrowserHost } from './browser-host';
import { findElectronBinary } from './electron-binary';
import { createServices } from './services';
import { startupWorkspace } from './startup-workspace';

/**
 * `npm start`: opens the desktop app, or — where Electron's binary is missing, as on build machines —
 * serves the same UI in browser mode on 127.0.0.1 and says so in one line.
 */
const paths = appPaths(import.meta.url);
const electron = process.env['PARITY_BROWSER_MODE'] === '1' ? undefined : findElectronBinary();

if (electron) {
  const child = spawn(electron, [paths.root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const { workspace, problem } = await startupWorkspace(paths.labFile);
  const host = await startBrowserHost({
    services: createServices({ version: APP_VERSION, mode: 'browser', workspace }),
    rendererDir: paths.renderer,
    port: process.env['PARITY_PORT'] ? Number(process.env['PARITY_PORT']) : 0,
  });
  if (problem) console.error(`parity: ${problem}`);
  console.log(`Electron's binary is not installed here, so Parity runs in browser mode: ${host.url}`);
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

import { app, BrowserWindow, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { appPaths } from './app-paths';
import { APP_VERSION } from './app-version';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { bindIpc, forwardEvents } from './ipc';
import { createServices } from './services';
import { startupWorkspace } from './startup-workspace';

// The composition root of the desktop app: everything is wired here, once.
const paths = appPaths(import.meta.url);
const pageUrl = pathToFileURL(`${paths.renderer}/index.html`).href;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    // The page is ours and local: it never navigates away, opens windows, or embeds webviews.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  const { workspace } = await startupWorkspace(paths.labFile);
  const services = createServices({ version: APP_VERSION, mode: 'electron', workspace });
  bindIpc(services.handlers, pageUrl);

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Parity',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  forwardEvents(services.bus, window);
  window.once('closed', () => services.streams.cancelAll());
  window.once('ready-to-show', () => window.show());
  await window.loadURL(pageUrl);
}

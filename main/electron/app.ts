/** The Electron app's lifecycle: one instance, one window, the core behind it. */
import { join } from 'node:path';
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../core';
import { APP_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { registerChannels } from './ipc';
import { saveWithDialog } from './save-file';
import { denyNavigation, lockDownSession } from './security';
import { createMainWindow } from './window';

// electron-vite puts the processes side by side: out/main, out/preload, out/renderer.
const OUT = join(import.meta.dirname, '..');

// In memory only: nothing Plivo answers (cookies, cache) outlives the app.
const PHLO_PARTITION = 'handoff-phlo';

/** Starts Handoff, or hands over to the copy already running. */
export function runElectronApp(): void {
  // HANDOFF_DATA_DIR moves everything, Chromium's profile and the single-instance lock included, so a
  // test or a second profile never collides with the agent's running copy.
  const dataDir = process.env['HANDOFF_DATA_DIR'];
  if (dataDir !== undefined) app.setPath('userData', dataDir);
  // A second copy would hold a second call session: bring the first to the front instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever its webPreferences say (security checklist, item 4).
  app.enableSandbox();
  registerAppScheme();
  denyNavigation();

  let core: Core | null = null;
  let window: BrowserWindow | null = null;

  const open = async () => {
    window = createMainWindow(join(OUT, 'preload', 'index.cjs'));
    window.on('closed', () => {
      window = null;
    });
    await window.loadURL(APP_URL);
  };

  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (window === null && core !== null) void open();
  });
  app.on('will-quit', () => {
    void core?.close();
  });

  void app.whenReady().then(async () => {
    lockDownSession(session.defaultSession);
    serveRenderer(join(OUT, 'renderer'));
    // PHLO requests get a session of their own: webRequest handlers see net.fetch requests too, and
    // the window's session refuses every one. Like any session it follows the system proxy settings.
    const phlo = session.fromPartition(PHLO_PARTITION, { cache: false });
    const ready = await createCore({
      dataDir: app.getPath('userData'),
      env: process.env,
      fetch: (url, init) => phlo.fetch(url, init),
      saveFile: saveWithDialog(() => window),
    });
    core = ready;
    registerChannels(ipcMain, ready, () => window);
    // Every event under its contract name, which the preload listens to (preload/index.ts).
    ready.onEvent(({ event, payload }) => {
      window?.webContents.send(event, payload);
    });
    await open();
  }).catch((error: unknown) => {
    // Without a core there is nothing to show: say why in words an agent can pass on to IT.
    dialog.showErrorBox('Handoff could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}

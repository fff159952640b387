/** The Electron app's lifecycle: one instance, one window, the core behind it, the desk around it. */
import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../core';
import { startupFailure } from '../desk/startup-failure';
import { createLogger } from '../log/logger';
import { LINK_SCHEME, linkInArgs } from '../links/parse-link';
import { APP_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { initialBounds, startDesk } from './desk';
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
  // A second copy would hold a second call session: it hands its link (if any) to the first and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Only an installed copy claims handoff: links (the installers declare it too); a development
  // copy run with `electron .` would otherwise take them from the agent's installed Handoff.
  // It is still tried by command line (`electron . "handoff://call?…"`), as the tests do.
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
  // Every renderer sandboxed, whatever its webPreferences say (security checklist, item 4).
  app.enableSandbox();
  registerAppScheme();
  denyNavigation();
  // Windows and Linux give menu bars Alt mnemonics (Alt+F, Alt+W ...) that would take the window's
  // Alt shortcuts (main/shortcuts/shortcut-map.ts), and the default menu holds reload and devtools.
  // macOS keeps its menu: Cmd+C and Cmd+V live there, and Option never opens it.
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);

  let core: Core | null = null;
  let window: BrowserWindow | null = null;
  let desk: ReturnType<typeof startDesk> | null = null;
  // Links that arrive before the core is ready (macOS sends open-url before ready when a link starts the app).
  const early: string[] = [];
  const initial = linkInArgs(process.argv);
  if (initial !== null) early.push(initial);

  const open = async (): Promise<BrowserWindow> => {
    const created = createMainWindow(join(OUT, 'preload', 'index.cjs'), initialBounds(app.getPath('userData')));
    window = created;
    desk?.watch(created);
    created.on('closed', () => {
      window = null;
    });
    await created.loadURL(APP_URL);
    return created;
  };

  const show = async (): Promise<BrowserWindow> => {
    const shown = window ?? (await open());
    if (shown.isMinimized()) shown.restore();
    shown.show();
    shown.focus();
    return shown;
  };

  const deliver = (link: string) => {
    if (core === null) {
      early.push(link);
      return;
    }
    void core.deliverLink(link);
    void show();
  };

  app.on('second-instance', (_event, argv) => {
    const link = linkInArgs(argv);
    if (link !== null) deliver(link);
    else if (core !== null) void show();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(url);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core !== null) void show();
  });
  app.on('before-quit', () => {
    desk?.quitting();
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
      catalogDir: join(OUT, 'locales'),
      systemLanguages: () => app.getPreferredSystemLanguages(),
      fetch: (url, init) => phlo.fetch(url, init),
      saveFile: saveWithDialog(() => window),
    });
    core = ready;
    registerChannels(ipcMain, ready, () => window);
    // Every event under its contract name, which the preload listens to (preload/index.ts).
    ready.onEvent(({ event, payload }) => {
      window?.webContents.send(event, payload);
    });
    desk = startDesk(ready, { window: () => window, show }, app.getPath('userData'));
    ready.attachShell(desk);
    await open();
    for (const link of early.splice(0)) deliver(link);
  }).catch(async (error: unknown) => {
    // Without a core there is nothing to show: say why in words an agent can pass on to IT. The
    // data folder may be what failed, so even the log may not open: the box and the quit come regardless.
    let shown = { title: 'Handoff', message: error instanceof Error ? error.message : String(error) };
    try {
      const logger = createLogger({ dataDir: app.getPath('userData') });
      logger.fatal({ err: error }, 'Handoff could not start');
      shown = await startupFailure({ catalogDir: join(OUT, 'locales'), system: app.getPreferredSystemLanguages(), env: process.env, error, logger });
    } catch {
      // Neither log nor catalog: the box still names the product and the original error.
    } finally {
      dialog.showErrorBox(shown.title, shown.message);
      app.quit();
    }
  });
}

/** Handoff's one window: small enough to sit beside the softphone, locked down per Electron's checklist. */
import { BrowserWindow } from 'electron';
// Copied into out/main by the build, so the same path works from `electron .` and from inside app.asar:
// Electron reads PNG window icons through its asar layer (shell/common/skia_util.cc).
import iconPath from '../../assets/icon.png?asset';
import type { Rect } from '../desk/window-bounds';

/** The window's smallest size, which remembered bounds must respect too. */
export const MIN_SIZE = { width: 360, height: 480 };

/** Creates the window at `bounds` (remembered, already checked) or the default size; it shows itself once the page has drawn, so it never flashes blank. */
export function createMainWindow(preloadPath: string, bounds: Rect | null): BrowserWindow {
  const window = new BrowserWindow({
    width: 420,
    height: 680,
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Handoff',
    // Linux and Windows show it in the title bar and task switcher; macOS takes the bundle's icon.icns.
    icon: iconPath,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  return window;
}

/**
 * The desktop around the window: the tray icon and its menu, hiding to the tray while a call is
 * open, the remembered window bounds, Keep on top, the system-wide shortcut and outcome
 * notifications. Every decision is made in main/desk/ (tested under Node); this only adapts it to
 * Electron's APIs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  dialog,
  globalShortcut,
  Menu,
  nativeImage,
  Notification,
  screen,
  Tray,
  type BrowserWindow,
  type MenuItemConstructorOptions,
} from 'electron';
import type { SessionSnapshot, Settings } from '../contract/domain';
import { text } from '../contract/text';
import type { Core, DeskShell } from '../core';
import { HIDDEN_TO_TRAY, hidesOnClose, trayMenu, trayTooltip, type TrayItem } from '../desk/tray-menu';
import { outcomeNotice, refusalNotice, type OutcomeNotice } from '../desk/outcome-notice';
import { readPlacement, remember, restoredBounds, type Placement, type Rect } from '../desk/window-bounds';
import { dispatch } from '../handlers/channel-handlers';
import iconPath from '../../assets/icon.png?asset';
import { MIN_SIZE } from './window';

const PLACEMENT_FILE = 'window-state.json';

/** What the desk needs from the app: the window (when there is one) and how to show it. */
export interface DeskHost {
  window(): BrowserWindow | null;
  /** Shows the window, creating it if it was closed, and resolves once it is there. */
  show(): Promise<BrowserWindow>;
}

/** The bounds to open the window with, or null for Electron's default (centred). */
export function initialBounds(dataDir: string): Rect | null {
  return restoredBounds(loadPlacement(dataDir), screen.getAllDisplays(), MIN_SIZE);
}

function loadPlacement(dataDir: string): Placement {
  try {
    return readPlacement(JSON.parse(readFileSync(join(dataDir, PLACEMENT_FILE), 'utf8')));
  } catch {
    return readPlacement(null);
  }
}

/** Builds the tray and wires the desk to the core; returns the shell the core applies settings through. */
export function startDesk(core: Core, host: DeskHost, dataDir: string): DeskShell & { watch(window: BrowserWindow): void; quitting(): void } {
  let quitting = false;
  let toldHidden = false;
  // The latest call, which the next change is compared with (outcomes) and closing the window reads.
  let previous: SessionSnapshot | null = null;
  let placement = loadPlacement(dataDir);
  let settings: Settings = core.settings();

  const image = nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 });
  const tray = new Tray(image);
  // The main process's own words, in the language the window speaks (it changes with the setting).
  const words = () => core.language.translator();
  const notify = ({ title, body }: OutcomeNotice) => {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title: words().say(title), body: words().say(body), icon: iconPath });
    shown.on('click', () => void host.show());
    shown.show();
  };
  const runCommand = async (entry: Extract<TrayItem, { type: 'item' }>) => {
    const command = entry.command;
    if (command === null) return;
    if (command.kind === 'show') await host.show();
    else if (command.kind === 'quit') app.quit();
    else {
      // Through the same dispatch as the window: the payload is parsed, the core's rules apply.
      const result = await dispatch(core.handlers, command.channel, command.payload, core.logger);
      // A refusal changes no call, so no outcome would tell the agent: the tray says it itself.
      if (!result.ok) notify(refusalNotice(result.error.message));
    }
  };
  const drawTray = (session: Parameters<typeof trayMenu>[0]) => {
    tray.setToolTip(trayTooltip(session, (said) => words().say(said)));
    const template: MenuItemConstructorOptions[] = trayMenu(session).map((entry) =>
      entry.type === 'separator'
        ? { type: 'separator' }
        : { label: words().say(entry.label), enabled: entry.enabled, click: () => void runCommand(entry) },
    );
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };
  tray.on('click', () => void host.show());
  drawTray(null);

  core.onEvent((change) => {
    // The tray's words follow a change of language at once, like the window's.
    if (change.event === 'language:changed') drawTray(previous);
    if (change.event !== 'session:changed') return;
    const session = change.payload;
    drawTray(session);
    const window = host.window();
    const notice = outcomeNotice(previous, session, { focused: window?.isFocused() ?? false, enabled: settings.notifyOutcomes });
    previous = session;
    if (notice !== null) notify(notice);
  });

  const savePlacement = (window: BrowserWindow) => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getBounds();
    placement = remember(placement, screen.getDisplayMatching(bounds).id, bounds);
    try {
      writeFileSync(join(dataDir, PLACEMENT_FILE), `${JSON.stringify(placement)}\n`, { mode: 0o600 });
    } catch (error) {
      core.logger.warn({ err: error }, 'window position not saved');
    }
  };

  return {
    apply(next) {
      settings = next;
      host.window()?.setAlwaysOnTop(next.keepOnTop);
      globalShortcut.unregisterAll();
      const accelerator = next.bringToFrontShortcut;
      if (accelerator === null) return null;
      let registered = false;
      try {
        registered = globalShortcut.register(accelerator, () => {
          void host.show().then((window) => {
            window.webContents.send('shortcut:pressed', 'focus-transfer');
          });
        });
      } catch (error) {
        core.logger.warn({ err: error, accelerator }, 'global shortcut refused');
      }
      return registered ? null : text('desk.shortcutRefused', { accelerator });
    },

    /** Wires a new window: keep on top, remembered bounds, and hiding to the tray while a call is open. */
    watch(window) {
      window.setAlwaysOnTop(settings.keepOnTop);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const later = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          savePlacement(window);
        }, 500);
      };
      window.on('moved', later);
      window.on('resized', later);
      window.on('close', (event) => {
        savePlacement(window);
        if (quitting || !hidesOnClose(previous)) return;
        event.preventDefault();
        window.hide();
        if (toldHidden) return;
        toldHidden = true;
        if (Notification.isSupported()) notify({ title: text('notification.title'), body: HIDDEN_TO_TRAY });
        // Where the OS has no notifications, the window says it the next time it shows.
        else window.once('show', () => void dialog.showMessageBox(window, { type: 'info', message: words().say(HIDDEN_TO_TRAY) }));
      });
    },

    quitting() {
      quitting = true;
      globalShortcut.unregisterAll();
      tray.destroy();
    },
  };
}

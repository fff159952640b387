/**
 * Electron's security checklist for everything that is not the window itself: no navigation, no
 * new windows, no webviews, no permissions, no network from the renderer
 * (https://www.electronjs.org/docs/latest/tutorial/security).
 */
import { app, shell, type Session } from 'electron';
import { isAllowedExternal } from './external-links';

/** Denies navigation, window.open and webviews in every web contents the app ever creates. */
export function denyNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      if (isAllowedExternal(url)) void shell.openExternal(url);
    });
    contents.on('will-redirect', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
  });
}

/** Denies every permission request and check, and any renderer request that leaves the app. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // The renderer needs nothing from the network: Plivo is called from the main process only.
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => {
    callback({ cancel: true });
  });
}

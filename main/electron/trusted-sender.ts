/**
 * Who may call over IPC: only the app's own window, its top frame, showing the app's own page
 * (https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
 * Type-only Electron imports, so the rule is tested under plain Node.
 */
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';

/** The scheme and host the renderer is served from. */
export const APP_SCHEME = 'app';
/** See APP_SCHEME. */
export const APP_HOST = 'handoff';

/** Whether a frame's URL is the app's own page (non-special schemes have no WHATWG origin to compare). */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** Why a sender is refused, as the log names it (the agent is told only that the request was refused). */
export type UntrustedReason = 'unknown_window' | 'not_top_frame' | 'not_app_page';

/** Why a request's sender is refused, or null when it is the app's window. */
export function untrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: Pick<BrowserWindow, 'isDestroyed' | 'webContents'> | null,
): UntrustedReason | null {
  if (window === null || window.isDestroyed() || event.sender !== window.webContents) return 'unknown_window';
  const frame = event.senderFrame;
  if (frame === null || frame !== event.sender.mainFrame) return 'not_top_frame';
  if (!isAppUrl(frame.url)) return 'not_app_page';
  return null;
}

/**
 * The one place that calls `ipcMain`: every channel of the contract is registered here, and every
 * request must come from the app's own window, top frame and page before its payload is parsed
 * (https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
 */
import type { BrowserWindow, IpcMain } from 'electron';
import { CHANNELS, type ChannelName } from '../contract/ipc';
import { fail } from '../contract/result';
import { text } from '../contract/text';
import type { Core } from '../core';
import { dispatch } from '../handlers/channel-handlers';
import { untrustedSender } from './trusted-sender';

/** Registers a handler for every channel; `window` names the one window allowed to call. */
export function registerChannels(ipc: IpcMain, core: Core, window: () => BrowserWindow | null): void {
  for (const channel of Object.keys(CHANNELS) as ChannelName[]) {
    ipc.handle(channel, async (event, payload: unknown) => {
      const reason = untrustedSender(event, window());
      if (reason !== null) {
        core.logger.warn({ channel, reason }, 'refused an IPC request');
        return fail('invalid_input', text('dialog.untrustedSender'));
      }
      return dispatch(core.handlers, channel, payload, core.logger);
    });
  }
}

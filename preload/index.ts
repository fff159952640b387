/**
 * The preload: one global, `window.handoff`, with named operations only. The page never gets
 * `ipcRenderer`, so it can call the contract's channels and nothing else
 * (https://www.electronjs.org/docs/latest/tutorial/context-isolation).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createHandoffApi } from '../main/contract/bridge';

contextBridge.exposeInMainWorld(
  'handoff',
  createHandoffApi(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    (event, listener) => {
      // Main sends each event with its contract payload (main/electron/app.ts), so the cast names what arrives.
      const forward = (_event: IpcRendererEvent, payload: unknown) => {
        listener(payload as Parameters<typeof listener>[0]);
      };
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },
  ),
);

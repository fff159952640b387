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
    // Only the contract's event names reach here: createHandoffApi subscribes with them and nothing else.
    (event, listener) => {
      const forward = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => {
        listener(payload);
      };
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },
  ),
);

/**
 * The preload: one global, `window.handoff`, with named operations only. The page never gets
 * `ipcRenderer`, so it can call the contract's channels and nothing else
 * (https://www.electronjs.org/docs/latest/tutorial/context-isolation).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createHandoffApi } from '../main/contract/bridge';
import type { EventPayloads } from '../main/contract/ipc';

contextBridge.exposeInMainWorld(
  'handoff',
  createHandoffApi(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    (listener) => {
      const forward = (_event: IpcRendererEvent, snapshot: EventPayloads['session:changed']) => {
        listener(snapshot);
      };
      ipcRenderer.on('session:changed', forward);
      return () => {
        ipcRenderer.removeListener('session:changed', forward);
      };
    },
  ),
);

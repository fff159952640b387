/**
 * The browser preview's stand-in for the preload: it builds the same `window.handoff` over HTTP
 * (requests) and Server-Sent Events (session changes) to the preview server, which runs the very
 * handlers Electron's IPC registers. Loaded only by the preview, before the app.
 */
import { createHandoffApi } from '../main/contract/bridge';
import type { EventPayloads } from '../main/contract/ipc';

const api = createHandoffApi(
  async (channel, payload) => {
    const response = await fetch('/bridge/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // JSON drops an undefined payload, which is what a channel without input expects.
      body: JSON.stringify({ channel, payload }),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      return { ok: false, error: { code: 'internal', message: `The preview server refused the request (HTTP ${response.status}).` } };
    }
    return (await response.json()) as unknown;
  },
  (listener) => {
    const source = new EventSource('/bridge/events');
    const onMessage = (event: MessageEvent<string>) => {
      listener(JSON.parse(event.data) as EventPayloads['session:changed']);
    };
    source.addEventListener('session:changed', onMessage);
    return () => {
      source.close();
    };
  },
);

Object.defineProperty(window, 'handoff', { value: Object.freeze(api), writable: false, configurable: false });

/**
 * The browser preview's stand-in for the preload: it builds the same `window.handoff` over HTTP
 * (requests) and Server-Sent Events (session changes) to the preview server, which runs the very
 * handlers Electron's IPC registers. Loaded only by the preview, before the app.
 */
import { createHandoffApi, PREVIEW_TOKEN_HEADER } from '../main/contract/bridge';

const STORAGE_KEY = 'handoff-preview-token';

/**
 * The per-launch token arrives in the page URL. It is taken out of the address bar (so it is not
 * bookmarked or shown) and kept in this tab's sessionStorage, which is per origin and port, so a
 * reload still works and no other local server ever sees it, unlike a cookie.
 */
function takeToken(): string {
  const url = new URL(window.location.href);
  const given = url.searchParams.get('token');
  if (given !== null) {
    sessionStorage.setItem(STORAGE_KEY, given);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url);
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? '';
}

const token = takeToken();
let source: EventSource | null = null;
let listeners = 0;

const api = createHandoffApi(
  async (channel, payload) => {
    const response = await fetch('/bridge/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [PREVIEW_TOKEN_HEADER]: token },
      // JSON drops an undefined payload, which is what a channel without input expects.
      body: JSON.stringify({ channel, payload }),
      credentials: 'omit',
    });
    if (!response.ok) {
      return { ok: false, error: { code: 'internal', message: { id: 'error.previewRefused', params: { status: response.status } } } };
    }
    return (await response.json()) as unknown;
  },
  (event, listener) => {
    // One stream carries every event; it opens with the first listener and closes with the last.
    source ??= new EventSource(`/bridge/events?token=${encodeURIComponent(token)}`);
    const open = source;
    const onMessage = (message: MessageEvent<string>) => {
      // The preview server writes each event's contract payload as JSON (main/preview/preview-server.ts).
      listener(JSON.parse(message.data) as Parameters<typeof listener>[0]);
    };
    open.addEventListener(event, onMessage);
    listeners += 1;
    return () => {
      open.removeEventListener(event, onMessage);
      listeners -= 1;
      if (listeners === 0) {
        open.close();
        source = null;
      }
    };
  },
);

Object.defineProperty(window, 'handoff', { value: Object.freeze(api), writable: false, configurable: false });

/**
 * The page's one global, `window.handoff`: named operations instead of channels. The preload (in
 * Electron) and the preview bridge (in a browser) both build it with `createHandoffApi`, so the
 * renderer sees the same object either way. Type-only imports: this file ships inside the preload.
 */
import type { ChannelInput, ChannelName, ChannelResult, EventName, EventPayloads } from './ipc';

/** Which channel each operation calls. */
const OPERATIONS = {
  app: { state: 'app:state', startDemo: 'demo:start', stopDemo: 'demo:stop' },
  language: { get: 'language:get' },
  settings: { get: 'settings:get', update: 'settings:update', dismissProblem: 'settings:dismiss-problem' },
  credentials: {
    status: 'credentials:status',
    save: 'credentials:save',
    replace: 'credentials:replace',
    clear: 'credentials:clear',
  },
  connection: { test: 'connection:test', status: 'connection:status' },
  address: { check: 'address:check' },
  directory: { search: 'directory:search', status: 'directory:status', toggleFavorite: 'favorites:toggle' },
  session: { get: 'session:get', open: 'session:open', end: 'session:end', dismissRestored: 'session:dismiss-restored' },
  link: { current: 'link:current', answer: 'link:answer' },
  history: { list: 'history:list', export: 'history:export' },
  call: {
    warmTransfer: 'call:warm-transfer',
    coldTransfer: 'call:cold-transfer',
    addParticipant: 'call:add-participant',
    completeTransfer: 'call:complete-transfer',
    cancelTransfer: 'call:cancel-transfer',
    mergeTransfer: 'call:merge-transfer',
    hold: 'call:hold',
    unhold: 'call:unhold',
    hangup: 'call:hangup',
    voicemailDrop: 'call:voicemail-drop',
    confirmOutcome: 'call:confirm-outcome',
  },
} as const satisfies Record<string, Record<string, ChannelName>>;

type Operations = typeof OPERATIONS;

/** One operation: no argument where the channel takes none, an optional one where it may take one. */
export type Operation<C extends ChannelName> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<ChannelResult<C>>
  : undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<ChannelResult<C>>
    : (input: ChannelInput<C>) => Promise<ChannelResult<C>>;

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

/** The whole bridge the renderer calls. */
export type HandoffApi = {
  [G in keyof Operations]: { [O in keyof Operations[G]]: Operation<Operations[G][O] & ChannelName> };
} & {
  /** Calls `listener` with the call after every change; returns the unsubscribe. */
  onSessionChange(listener: (snapshot: EventPayloads['session:changed']) => void): Unsubscribe;
  /** Calls `listener` with Plivo's reachability after every change; returns the unsubscribe. */
  onConnectionChange(listener: (status: EventPayloads['connection:changed']) => void): Unsubscribe;
  /** Calls `listener` with every `handoff:` link notice (null once answered); returns the unsubscribe. */
  onLinkNotice(listener: (notice: EventPayloads['link:notice']) => void): Unsubscribe;
  /** Calls `listener` when a system-wide shortcut asks the window to press one of its own; returns the unsubscribe. */
  onShortcut(listener: (id: EventPayloads['shortcut:pressed']) => void): Unsubscribe;
  /** Calls `listener` with the new catalog when the language changes; returns the unsubscribe. */
  onLanguageChange(listener: (catalog: EventPayloads['language:changed']) => void): Unsubscribe;
};

/** The header the browser preview's bridge carries its per-launch token in (lower case, as Node reads it). */
export const PREVIEW_TOKEN_HEADER = 'x-handoff-token';

/** Sends one request on a channel and resolves with its result (never rejects for a refusal). */
export type Invoke = (channel: ChannelName, payload: unknown) => Promise<unknown>;

/** Listens to one event of the transport; each transport (IPC, Server-Sent Events) implements it once for all events. */
export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => Unsubscribe;

/** Builds `window.handoff` over a transport: Electron IPC or the preview's HTTP bridge. */
export function createHandoffApi(invoke: Invoke, subscribe: Subscribe): HandoffApi {
  const groups = Object.fromEntries(
    Object.entries(OPERATIONS).map(([group, operations]) => [
      group,
      Object.fromEntries(
        Object.entries(operations).map(([name, channel]) => [
          name,
          (input?: unknown) => invoke(channel, input),
        ]),
      ),
    ]),
  );
  // The mapping above is OPERATIONS itself, so each operation calls exactly the channel its type names.
  return {
    ...(groups as Omit<HandoffApi, 'onSessionChange' | 'onConnectionChange' | 'onLinkNotice' | 'onShortcut' | 'onLanguageChange'>),
    onSessionChange: (listener) => subscribe('session:changed', listener),
    onConnectionChange: (listener) => subscribe('connection:changed', listener),
    onLinkNotice: (listener) => subscribe('link:notice', listener),
    onShortcut: (listener) => subscribe('shortcut:pressed', listener),
    onLanguageChange: (listener) => subscribe('language:changed', listener),
  };
}

/**
 * The page's one global, `window.handoff`: named operations instead of channels. The preload (in
 * Electron) and the preview bridge (in a browser) both build it with `createHandoffApi`, so the
 * renderer sees the same object either way. Type-only imports: this file ships inside the preload.
 */
import type { ChannelInput, ChannelName, ChannelResult, EventPayloads } from './ipc';

/** Which channel each operation calls. */
const OPERATIONS = {
  app: { state: 'app:state', startDemo: 'demo:start', stopDemo: 'demo:stop' },
  settings: { get: 'settings:get', update: 'settings:update', dismissProblem: 'settings:dismiss-problem' },
  credentials: { status: 'credentials:status', save: 'credentials:save', clear: 'credentials:clear' },
  connection: { test: 'connection:test' },
  directory: { search: 'directory:search', status: 'directory:status', toggleFavorite: 'favorites:toggle' },
  session: { get: 'session:get', open: 'session:open', end: 'session:end' },
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
};

/** The header the browser preview's bridge carries its per-launch token in (lower case, as Node reads it). */
export const PREVIEW_TOKEN_HEADER = 'x-handoff-token';

/** Sends one request on a channel and resolves with its result (never rejects for a refusal). */
export type Invoke = (channel: ChannelName, payload: unknown) => Promise<unknown>;

/** Builds `window.handoff` over a transport: Electron IPC or the preview's HTTP bridge. */
export function createHandoffApi(
  invoke: Invoke,
  onSessionChange: HandoffApi['onSessionChange'],
): HandoffApi {
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
  return { ...(groups as Omit<HandoffApi, 'onSessionChange'>), onSessionChange };
}

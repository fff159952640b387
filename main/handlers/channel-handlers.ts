/**
 * What every IPC channel does, as plain functions of the core. The Electron shell and the browser
 * preview register these same handlers, so both run the very same checks.
 */
import * as v from 'valibot';
import { parseAddress } from '../address/address';
import type { AppState, ConnectionCheck, ConnectionStatus, HistoryDay, HistoryExport, LinkNotice, SessionSnapshot } from '../contract/domain';
import {
  CHANNELS,
  isChannelName,
  type ChannelName,
  type ChannelParsed,
  type ChannelResult,
} from '../contract/ipc';
import { issueText } from '../contract/known-text';
import { fail, ok, type Result } from '../contract/result';
import { text } from '../contract/text';
import type { Directory } from '../directory/directory';
import type { LanguageService } from '../i18n/language';
import type { Logger } from '../log/logger';
import type { Profile } from '../profile/profile';

/** The core parts the handlers call; `createCore` passes the real ones. */
export interface HandlerDeps {
  /** The profile in use right now: the agent's own, or the demo's. */
  profile(): Profile;
  /** The Transfer to directory, favorites and recents; one for both profiles. */
  directory: Directory;
  /** The language the window speaks and its catalog. */
  language: LanguageService;
  app: {
    state(): Promise<Result<AppState>>;
    startDemo(): Promise<Result<AppState>>;
    stopDemo(): Promise<Result<AppState>>;
    dismissSettingsProblem(): Promise<Result<AppState>>;
  };
  /** Plivo's reachability: told of every change a check depends on, and running Test connection's read. */
  connection: {
    status(): ConnectionStatus;
    changed(): void;
    test(): Promise<Result<ConnectionCheck>>;
  };
  /** The agent's journal as History shows it, whichever profile is in use. */
  history: {
    list(day: string | undefined): Result<HistoryDay>;
    export(from: string, to: string): Promise<Result<HistoryExport>>;
  };
  /** The link inbox: the notice waiting for the agent, and their answer to it. */
  links: {
    current(): LinkNotice | null;
    answer(id: string, open: boolean): Result<SessionSnapshot | null>;
  };
}

type Handler<C extends ChannelName> = (input: ChannelParsed<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
/** One handler per channel, typed from the contract. */
export type ChannelHandlers = { [C in ChannelName]: Handler<C> };

/** Maps every channel to the core operation behind it. */
export function createChannelHandlers(deps: HandlerDeps): ChannelHandlers {
  const profile = () => deps.profile();
  const session = () => profile().session;
  // A saved change of settings or credentials makes the last check say nothing about the new ones.
  const recheck = <T>(result: Result<T>): Result<T> => {
    if (result.ok) deps.connection.changed();
    return result;
  };
  const { directory } = deps;
  /** Recents are what the core accepted, so a refused or failed dial never lands on the list. */
  const recorded = async <T>(result: Promise<Result<T>>, target: { to: string; label?: string | undefined }): Promise<Result<T>> => {
    const settled = await result;
    if (settled.ok) await directory.recordDial(target.to, target.label ?? '');
    return settled;
  };
  return {
    'app:state': () => deps.app.state(),
    'language:get': async (input) => ok(await deps.language.catalog(input?.preferred)),
    'demo:start': () => deps.app.startDemo(),
    'demo:stop': () => deps.app.stopDemo(),
    'settings:dismiss-problem': () => deps.app.dismissSettingsProblem(),
    'settings:get': () => ok(profile().settings.view()),
    'settings:update': async (patch) => recheck(await profile().settings.update(patch)),
    'credentials:status': () => profile().credentials.status(),
    'credentials:save': async (input) => recheck(await profile().credentials.save(input)),
    'credentials:replace': async (input) => recheck(await profile().credentials.replace(input)),
    'credentials:clear': async () => recheck(await profile().credentials.clear()),
    'connection:test': () => deps.connection.test(),
    'connection:status': () => ok(deps.connection.status()),
    'address:check': ({ text, country }) => parseAddress(text, country ?? profile().settings.current().defaultCountry),
    'session:get': () => ok(session().snapshot()),
    'session:open': (input) => session().open(input),
    'session:end': (input) => session().end({ force: input?.force === true }),
    'call:warm-transfer': (input) => recorded(session().warmTransfer(input), input),
    'call:cold-transfer': (input) => recorded(session().coldTransfer(input), input),
    'call:add-participant': (input) => recorded(session().addParticipant(input), input),
    'call:complete-transfer': () => session().completeTransfer(),
    'call:cancel-transfer': () => session().cancelTransfer(),
    'call:merge-transfer': () => session().mergeTransfer(),
    'call:hold': ({ participantId }) => session().hold(participantId),
    'call:unhold': ({ participantId }) => session().unhold(participantId),
    'call:hangup': ({ participantId }) => session().hangup(participantId),
    'call:voicemail-drop': ({ participantId }) => session().voicemailDrop(participantId),
    'call:confirm-outcome': ({ happened }) => session().confirmOutcome(happened),
    'session:dismiss-restored': () => session().dismissRestored(),
    'history:list': (input) => deps.history.list(input?.day),
    'history:export': ({ from, to }) => deps.history.export(from, to),
    'link:current': () => ok(deps.links.current()),
    'link:answer': ({ id, open }) => deps.links.answer(id, open),
    'directory:search': ({ query }) => ok(directory.suggest(query)),
    'directory:status': () => ok(directory.status()),
    'favorites:toggle': ({ address, name }) => directory.toggleFavorite(address, name ?? ''),
  };
}

/**
 * Runs one untrusted request: the channel must be known and the payload must pass the channel's
 * schema before any handler sees it; a thrown error becomes an `internal` failure, never a crash.
 */
export async function dispatch(
  handlers: ChannelHandlers,
  channel: unknown,
  payload: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    // Anything but a string is named by its type: making text of it may throw (an object without a prototype has no toString).
    logger.warn({ channel: typeof channel === 'string' ? channel.slice(0, 80) : `(${typeof channel})` }, 'refused a request on an unknown channel');
    return fail('invalid_input', text('error.unknownRequest'));
  }
  // Valibot's object schemas take any object, so a Map, Set or Date (IPC's structured clone carries
  // them) would pass as `{}`; every input in the contract is a plain object or nothing at all.
  if (typeof payload === 'object' && payload !== null && !isPlainObject(payload)) {
    logger.warn({ channel }, 'refused a request whose input is not a plain object');
    return fail('invalid_input', text('error.requestNotPlainObject'));
  }
  const parsed = v.safeParse(CHANNELS[channel].input, payload);
  if (!parsed.success) {
    // safeParse reports at least one issue on failure.
    const [issue] = parsed.issues;
    const field = v.getDotPath(issue);
    logger.warn({ channel, field }, 'refused a malformed request');
    return fail('invalid_input', issueText(issue), field === null ? undefined : { field });
  }
  try {
    // The schema guarantees the shape the handler's type promises.
    const handler = handlers[channel] as (input: unknown) => Promise<Result<unknown>> | Result<unknown>;
    return await handler(parsed.output);
  } catch (error) {
    logger.error({ channel, err: error }, 'handler failed');
    return fail('internal', text('error.internal'));
  }
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

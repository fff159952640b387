/**
 * The one definition of every IPC channel: its name, the schema its input must pass, and its result.
 * Main parses with these schemas, the preload names its operations after them, and the renderer
 * imports the types only, so the compile-time and run-time contracts cannot drift.
 */
import * as v from 'valibot';
import type {
  ActionOutcome,
  AppState,
  ConnectionCheck,
  ConnectionStatus,
  CredentialStatus,
  HistoryDay,
  HistoryExport,
  LinkNotice,
  DirectoryStatus,
  DirectorySuggestions,
  FavoriteToggled,
  SessionSnapshot,
  SettingsView,
} from './domain';
import { countryProblem } from '../address/address';
import { globalShortcutProblem, type WindowShortcutId } from '../shortcuts/shortcut-map';
import { issueMessage } from './known-text';
import { RoleSchema } from './domain';
import type { Result } from './result';
import { text, type Catalog, type MessageId, type TextParam } from './text';
import { PSEUDO_LANGUAGES, SHIPPED_LANGUAGES, SYSTEM_LANGUAGE } from '../i18n/languages';

/**
 * A rule's message: valibot carries a string, so it is the catalog message's id (with its params as
 * JSON); whoever reads the issue turns it back into a Text with `issueText`.
 */
const says = (id: MessageId, params?: Readonly<Record<string, TextParam>>): string => issueMessage(text(id, params));

const UUID_EXAMPLE = '73d6ab01-a2f6-4a84-850f-21e1d46b30bf';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A PHLO or node id as the PHLO console shows it; `hint` names the field in its message. */
const uuid = (hint: MessageId) => v.pipe(v.string(), v.trim(), v.uuid(says(hint, { example: UUID_EXAMPLE })));

const ADDRESS_TOO_LONG = says('validation.addressTooLong');

/** A number or SIP address as typed; the address module decides what it means. */
const AddressText = v.pipe(
  v.string(says('validation.enterAddress')),
  v.trim(),
  v.nonEmpty(says('validation.enterAddress')),
  v.maxLength(256, ADDRESS_TOO_LONG),
);

/** A name shown beside an address; optional everywhere. */
const Label = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80, says('validation.nameTooLong', { max: 80 }))));

/** A yes/no setting, named in its message as the file names it. */
const yesNo = (setting: string) => v.boolean(says('validation.trueOrFalse', { setting }));

/** HTTPS for Plivo; plain HTTP only to this machine, where the PHLO simulator runs. */
export const PhloBaseUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.url(says('validation.baseUrlNotUrl', { example: 'https://phlorunner.plivo.com/v1/' })),
  v.check((text) => {
    // Valibot runs the rest of a pipe after an issue, so text v.url refused arrives here too.
    if (!URL.canParse(text)) return true;
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, says('validation.baseUrlNotHttps')),
);

/** Every settings field with its rule; the settings file is read through the same schema. */
export const SettingsFields = {
  phloId: v.nullable(uuid('validation.phloIdNotUuid')),
  nodeId: v.nullable(uuid('validation.nodeIdNotUuid')),
  agentAddress: v.nullable(AddressText),
  defaultRole: RoleSchema,
  defaultCountry: v.pipe(
    v.string(),
    v.trim(),
    v.toUpperCase(),
    v.check(
      (code) => countryProblem(code) === null,
      (issue) => issueMessage(countryProblem(issue.input) ?? text('error.invalidInput')),
    ),
  ),
  phloBaseUrl: PhloBaseUrlSchema,
  requestTimeoutMs: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1000, says('validation.requestTimeoutTooShort', { milliseconds: 1000 })),
    v.maxValue(60000, says('validation.requestTimeoutTooLong', { milliseconds: 60000 })),
  ),
  allowDemo: yesNo('allowDemo'),
  journalRetentionDays: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1, says('validation.retentionTooShort', { days: 1 })),
    v.maxValue(3650, says('validation.retentionTooLong', { days: 3650 })),
  ),
  // Off (null) by default: a system-wide shortcut takes its keys from every other app.
  bringToFrontShortcut: v.nullable(
    v.pipe(
      v.string(),
      v.trim(),
      v.check(
        (accelerator) => globalShortcutProblem(accelerator) === null,
        (issue) => issueMessage(globalShortcutProblem(issue.input) ?? text('error.invalidInput')),
      ),
    ),
  ),
  keepOnTop: yesNo('keepOnTop'),
  notifyOutcomes: yesNo('notifyOutcomes'),
  // Any short text from a file or policy: an unknown language falls back and is shown as a settings problem (only a value that is not short text is refused like any other).
  language: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(35)),
};

/** What IT may preset in settings.json: any of the fields; those left out take the defaults. */
export const SettingsFileSchema = v.strictObject(
  Object.fromEntries(Object.entries(SettingsFields).map(([k, s]) => [k, v.optional(s)])) as {
    [K in keyof typeof SettingsFields]: v.OptionalSchema<(typeof SettingsFields)[K], undefined>;
  },
);

/**
 * What the app may change; fields left out keep their value. Where requests go is not among them:
 * only settings.json, machine policy or HANDOFF_PHLO_BASE_URL set it, so nothing that reaches the
 * bridge can send the credentials to another host; nor is whether the demo is allowed, which is IT's.
 */
export const SettingsPatchSchema = v.strictObject({
  ...v.omit(SettingsFileSchema, ['phloBaseUrl', 'allowDemo', 'language']).entries,
  // The window offers only what Handoff ships: anything else from it is refused.
  language: v.optional(v.picklist([SYSTEM_LANGUAGE, ...SHIPPED_LANGUAGES, ...PSEUDO_LANGUAGES])),
});

/** Plivo Auth IDs are 20 characters starting with MA (main account) or SA (subaccount). */
const AuthIdSchema = v.pipe(
  v.string(says('validation.enterAuthId')),
  v.trim(),
  v.regex(/^(MA|SA)[A-Z0-9]{18}$/, says('validation.authIdFormat')),
);

/** What `credentials:save` takes; the credential store parses with it too, so both refuse the same input. */
export const CredentialsSchema = v.strictObject({
  authId: AuthIdSchema,
  authToken: v.pipe(
    v.string(says('validation.enterAuthToken')),
    v.trim(),
    v.nonEmpty(says('validation.enterAuthToken')),
    v.maxLength(200, says('validation.authTokenTooLong')),
    v.regex(/^\S+$/, says('validation.authTokenHasSpaces')),
  ),
});

/**
 * What `credentials:replace` takes: a new Auth ID, a new token, or both; the one left out is kept
 * from the keychain, so a mistyped token is corrected without retyping (or ever seeing) the rest.
 */
export const CredentialsChangeSchema = v.pipe(
  v.partial(CredentialsSchema),
  v.check((change) => change.authId !== undefined || change.authToken !== undefined, says('validation.newCredentials')),
);

/**
 * A field's text for `address:check`: empty is allowed, so the field hears the address module's own
 * sentence for it; the country is the form's unsaved one, when it has one (Settings).
 */
const AddressCheckSchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(256, ADDRESS_TOO_LONG)),
  country: v.optional(SettingsFields.defaultCountry),
});

const TargetSchema = v.strictObject({ to: AddressText, role: v.optional(RoleSchema), label: Label });
const MemberSchema = v.strictObject({ participantId: v.pipe(v.string(), v.nonEmpty()) });
const NoInput = v.undefined();
/** A journal day as its file is named, YYYY-MM-DD. */
const Day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, says('validation.dayFormat')));

const LinkAnswerSchema = v.strictObject({
  id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  open: v.boolean(),
});

/**
 * What the agent typed in Transfer to. The field holds at most an address's 256 characters, so a
 * longer query is not something the window sends: it is refused, never searched.
 */
const QuerySchema = v.strictObject({
  query: v.pipe(v.string(), v.maxLength(256, says('validation.searchTooLong', { max: 256 }))),
});

/** A channel's input schema, with its result type carried along for the type system only. */
export interface Channel<I extends v.GenericSchema, O> {
  input: I;
  /** Never set: it only carries the result type. */
  readonly output?: O;
}

const channel =
  <O>() =>
  <I extends v.GenericSchema>(input: I): Channel<I, O> => ({ input });

/** Every request/response channel, named `domain:verb`. */
export const CHANNELS = {
  'app:state': channel<AppState>()(NoInput),
  // The window's catalog, chosen by the core; `preferred` is the browser's languages, used only where the system gives none (the preview).
  'language:get': channel<Catalog>()(
    v.optional(v.strictObject({ preferred: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(35))), v.maxLength(20))) })),
  ),
  'demo:start': channel<AppState>()(NoInput),
  'demo:stop': channel<AppState>()(NoInput),
  'settings:dismiss-problem': channel<AppState>()(NoInput),
  'settings:get': channel<SettingsView>()(NoInput),
  'settings:update': channel<SettingsView>()(SettingsPatchSchema),
  'credentials:status': channel<CredentialStatus>()(NoInput),
  'credentials:save': channel<CredentialStatus>()(CredentialsSchema),
  'credentials:replace': channel<CredentialStatus>()(CredentialsChangeSchema),
  'credentials:clear': channel<CredentialStatus>()(NoInput),
  'connection:test': channel<ConnectionCheck>()(NoInput),
  'connection:status': channel<ConnectionStatus>()(NoInput),
  // The window's field checks ask the core, so the one address rule (and its metadata) stays here.
  'address:check': channel<string>()(AddressCheckSchema),
  'session:get': channel<SessionSnapshot | null>()(NoInput),
  'session:open': channel<SessionSnapshot>()(
    v.strictObject({ customer: AddressText, label: Label }),
  ),
  // `force` is the agent's explicit word to close a call that leaves someone held or a transfer half done.
  'session:end': channel<null>()(v.optional(v.strictObject({ force: v.optional(v.boolean()) }))),
  'call:warm-transfer': channel<ActionOutcome>()(TargetSchema),
  'call:cold-transfer': channel<ActionOutcome>()(TargetSchema),
  'call:add-participant': channel<ActionOutcome>()(TargetSchema),
  'call:complete-transfer': channel<ActionOutcome>()(NoInput),
  'call:cancel-transfer': channel<ActionOutcome>()(NoInput),
  'call:merge-transfer': channel<ActionOutcome>()(NoInput),
  'call:hold': channel<ActionOutcome>()(MemberSchema),
  'call:unhold': channel<ActionOutcome>()(MemberSchema),
  'call:hangup': channel<ActionOutcome>()(MemberSchema),
  'call:voicemail-drop': channel<ActionOutcome>()(MemberSchema),
  'call:confirm-outcome': channel<SessionSnapshot>()(v.strictObject({ happened: v.boolean() })),
  // The agent has read that the call was restored after Handoff closed unexpectedly.
  'session:dismiss-restored': channel<SessionSnapshot | null>()(NoInput),
  // One day of the journal; today when no day is given.
  'history:list': channel<HistoryDay>()(v.optional(v.strictObject({ day: v.optional(Day) }))),
  'history:export': channel<HistoryExport>()(v.strictObject({ from: Day, to: Day })),
  // A handoff: link still waiting for the agent (a question, a refusal, a transfer target to fill in).
  'link:current': channel<LinkNotice | null>()(NoInput),
  // The agent's answer to that notice: `open` only ever opens a call the agent was asked about.
  'link:answer': channel<SessionSnapshot | null>()(LinkAnswerSchema),
  'directory:search': channel<DirectorySuggestions>()(QuerySchema),
  'directory:status': channel<DirectoryStatus>()(NoInput),
  'favorites:toggle': channel<FavoriteToggled>()(v.strictObject({ address: AddressText, name: Label })),
} as const;

/** Every channel name. */
export type ChannelName = keyof typeof CHANNELS;
/** What a caller passes on a channel (before parsing). */
export type ChannelInput<C extends ChannelName> = v.InferInput<(typeof CHANNELS)[C]['input']>;
/** What a handler receives after the schema parsed the input. */
export type ChannelParsed<C extends ChannelName> = v.InferOutput<(typeof CHANNELS)[C]['input']>;
/** What a channel answers with. */
export type ChannelResult<C extends ChannelName> =
  (typeof CHANNELS)[C] extends Channel<v.GenericSchema, infer O> ? Result<O> : never;

/** Events main pushes to the renderer, with their payloads. */
export interface EventPayloads {
  'session:changed': SessionSnapshot | null;
  'connection:changed': ConnectionStatus;
  /** The agent (or policy) changed the language: the window's new catalog. */
  'language:changed': Catalog;
  /** A handoff: link arrived (or its notice was answered: null). */
  'link:notice': LinkNotice | null;
  /** A system-wide shortcut asks the window to press one of its own (Electron only). */
  'shortcut:pressed': WindowShortcutId;
}

/** Every event name, so the Electron shell and the preview forward each one the same way. */
export type EventName = keyof EventPayloads;
/** Whether a string names a known channel: the first check on anything arriving over IPC. */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}

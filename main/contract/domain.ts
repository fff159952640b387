import * as v from 'valibot';
import type { Failure } from './result';
import type { Text } from './text';

/** Plivo's two member roles; the reference defaults to `agent`, Handoff always sends one. */
export const RoleSchema = v.picklist(['agent', 'customer']);
/** A member role in a multi-party call. */
export type Role = v.InferOutput<typeof RoleSchema>;

/** A member's state as far as Handoff knows it: PHLO sends no events, so it follows accepted actions. */
export type ParticipantState = 'dialling' | 'connected' | 'on_hold' | 'consulting' | 'left';

/** Who a participant is to this agent's call. */
export type ParticipantKind = 'self' | 'customer' | 'colleague';

/** PHLO's actions on the multi-party call node itself (they dial someone). */
export type NodeAction = 'call' | 'warm_transfer' | 'cold_transfer';
/** PHLO's actions on one member of the call. */
export type MemberAction = 'hold' | 'unhold' | 'hangup' | 'abort_transfer' | 'resume_call' | 'voicemail_drop';

/** One row of the participant list. */
export interface Participant {
  id: string;
  kind: ParticipantKind;
  /** E.164 number or SIP URI, exactly as sent to Plivo. */
  address: string;
  /** The address formatted for people (national format for numbers). */
  displayAddress: string;
  role: Role;
  label: string | null;
  state: ParticipantState;
  /** When they entered `state` (ISO 8601, the core's clock): hold and consult times count from here. */
  since: string;
}

/** What a warm transfer is waiting on: the agent consulting `targetId` while the customer holds. */
export interface TransferInProgress {
  targetId: string;
}

/** The whole call as the renderer draws it; a new object after every change. */
export interface SessionSnapshot {
  id: string;
  openedAt: string;
  participants: Participant[];
  transfer: TransferInProgress | null;
  /** The action in flight, if any: every other action is refused with `busy` until it settles. */
  pending: SessionAction | null;
  /**
   * An action whose answer was lost after it may have reached Plivo (a timeout, a dropped
   * connection, a 5xx): Handoff cannot know whether it happened and never resends it, so the
   * agent says, from what they hear on the softphone. Other actions wait until then.
   */
  unconfirmed: UnconfirmedAction | null;
  /**
   * Rebuilt from the journal after Handoff closed unexpectedly: the call view says so until the
   * agent acts, dismisses it or closes the call, since the states shown are Handoff's last record.
   */
  restored: boolean;
}

/** The action waiting for the agent to say whether it happened, and the failure that left it so. */
export interface UnconfirmedAction {
  action: SessionAction;
  failure: Failure;
}

/** Actions the agent can take on a call; each sends exactly one PHLO request. */
export type SessionAction =
  | 'warm_transfer'
  | 'cold_transfer'
  | 'add_participant'
  | 'complete_transfer'
  | 'cancel_transfer'
  | 'merge_transfer'
  | 'hold'
  | 'unhold'
  | 'hangup'
  | 'voicemail_drop';

/** The outcome of an accepted action: the new call state and Plivo's request id. */
export interface ActionOutcome {
  session: SessionSnapshot;
  apiId: string;
}

/** Stored settings; every field may be preset by IT in settings.json or set by machine policy. */
export interface Settings {
  phloId: string | null;
  nodeId: string | null;
  /** The agent's own member address, sent as `trigger_source`. */
  agentAddress: string | null;
  defaultRole: Role;
  /** ISO 3166-1 alpha-2 country used to read numbers typed without a `+`. */
  defaultCountry: string;
  phloBaseUrl: string;
  requestTimeoutMs: number;
  /** Whether the demo is offered; IT turns it off where a simulator must not be mistaken for Plivo. */
  allowDemo: boolean;
  /** How many days of the action journal are kept; older day files are deleted at start. */
  journalRetentionDays: number;
  /** The system-wide shortcut (an Electron accelerator) that brings Handoff to the front; null is off. */
  bringToFrontShortcut: string | null;
  /** Whether the window stays above other windows (the softphone, the CRM). */
  keepOnTop: boolean;
  /** Whether an action's outcome is also told by an OS notification while the window is not focused. */
  notifyOutcomes: boolean;
  /** "system", or a shipped language's tag (main/i18n/languages.ts); anything else is a settings problem and falls back. */
  language: string;
}

/** Settings as the renderer sees them, with what the environment overrides. */
export interface SettingsView {
  settings: Settings;
  /** The agent's own address as they would type it (national format in their country), for the Settings field. */
  agentDisplayAddress: string | null;
  /** The base URL requests really go to (`HANDOFF_PHLO_BASE_URL` wins over the stored one). */
  effectivePhloBaseUrl: string;
  /** Whether this profile's settings can be changed (the demo's cannot). */
  editable: boolean;
  /** Fields machine policy enforces: shown read-only, and the core refuses to change them. */
  enforced: (keyof Settings)[];
}

/** Whether credentials are saved, never the token itself. */
export interface CredentialStatus {
  set: boolean;
  /** First and last two characters of the Auth ID, e.g. `MA…AB`. */
  authIdMasked: string | null;
}

/** What "Test connection" learned from reading the multi-party call node. */
export interface ConnectionCheck {
  nodeName: string;
  apiId: string;
}

/** Where the last reachability check left Plivo (or, in the demo, the simulator). */
export type ConnectionState = 'not_set_up' | 'not_checked' | 'reachable' | 'unreachable';

/**
 * Whether Plivo answers the node read, known before the agent presses an action, so a dead line is
 * found with no customer waiting. Pushed as `connection:changed`; read at load with `connection:status`.
 */
export interface ConnectionStatus {
  /** `not_set_up` until settings and credentials are complete; `not_checked` until a check after the last change finished. */
  state: ConnectionState;
  /** A check is under way; the state shown is the last one known. */
  checking: boolean;
  /** When the last check finished (ISO 8601), or null. */
  checkedAt: string | null;
  /** Why Plivo is not reachable, in a few words for the header; codes and hosts stay in `failure`. */
  reason: Text | null;
  /** The failure behind `reason`, with its code and facts, for a details line. */
  failure: Failure | null;
}

/** Whether Handoff talks to Plivo or to the built-in simulator, and whether it is ready for calls. */
export interface AppState {
  mode: 'live' | 'demo';
  /** PHLO ID, node ID, the agent's number and credentials are all set for the current mode. */
  configured: boolean;
  /**
   * What is wrong with the agent's settings file, the machine policy or the environment (a preset
   * set aside, unknown keys, a bad HANDOFF_PHLO_BASE_URL, a language Handoff does not have, a
   * shortcut the system refused), one Text each, shown in every view and mode until the agent
   * dismisses them; empty when there is none. A policy problem comes back at every start until IT
   * fixes the policy.
   */
  settingsProblems: Text[];
  /** Whether the demo may be offered and started (`allowDemo`, which IT may turn off). */
  demoAllowed: boolean;
}

/** How one journalled action ended: Plivo accepted it, refused it, or its answer was lost (it may have happened). */
export type HistoryOutcome = 'accepted' | 'failed' | 'uncertain';

/** One action in the History view and the CSV export, as the journal recorded it. */
export interface HistoryRow {
  /** When the request was about to leave (ISO 8601). */
  at: string;
  action: SessionAction;
  /** Who it was aimed at: name and number (or SIP address), as the agent knew them then. */
  target: string;
  outcome: HistoryOutcome;
  /** Plivo's request id, when Plivo answered with one. */
  apiId: string | null;
  /** The failure code when it did not go through (or may not have). */
  code: string | null;
  /** What the agent said for an uncertain action: it went through, it did not, or nothing yet. */
  agentSaid: boolean | null;
}

/** One day of the journal as History shows it. */
export interface HistoryDay {
  /** The days that have a journal file (YYYY-MM-DD, newest first), for the day picker. */
  days: string[];
  /** The day shown. */
  day: string;
  rows: HistoryRow[];
  /** Lines of the journal that could not be read (edited by hand, truncated, junk), left out of the rows. */
  skippedLines: number;
}

/** What an export produced: the CSV text for the page to download (browser preview), or a file saved from main (Electron). */
export type HistoryExport =
  | { kind: 'download'; fileName: string; csv: string }
  | { kind: 'saved'; path: string }
  | { kind: 'cancelled' };

/** A call or transfer target from a handoff: link, as checked (the number already as Plivo takes it). */
export interface ScreenPop {
  kind: 'call' | 'transfer';
  /** The number or SIP address, parsed by the same rules as a typed one. */
  to: string;
  /** The same, formatted for people as the participant list shows numbers, for a field to show. */
  displayTo: string;
  /** The customer's or colleague's name, if the link gave one. */
  name: string | null;
}

/**
 * What Handoff did with a handoff: link, for the window to show: opened a call, asks before
 * replacing one (or before opening one a link storm left over), fills the transfer target, or refused.
 */
export interface LinkNotice {
  id: string;
  kind: 'opened' | 'ask' | 'fill' | 'refused';
  /** The link as checked; null when it was refused before it could be read. */
  link: ScreenPop | null;
  /** The sentence the window shows, naming the link (and both customers for a replacement). */
  message: Text;
  /** How many other links of the same burst were ignored. */
  ignored: number;
}

/** What a directory row names: a colleague, a queue, or someone outside the company. */
export type DirectoryKind = 'agent' | 'queue' | 'external';
/** Whose `directory.csv` a row came from: IT's (machine policy folder, read-only) or the agent's own. */
export type DirectorySource = 'organization' | 'personal';

/** One person or queue the agent can transfer to, its address already as Plivo takes it. */
export interface DirectoryEntry {
  name: string;
  address: string;
  kind: DirectoryKind;
  team: string;
  source: DirectorySource;
}

/** One row of the Transfer to list; a dialled address outside the directory has no kind or source. */
export interface DirectoryOption {
  name: string;
  address: string;
  /** The address as the agent reads and types it (national format for their country). */
  displayAddress: string;
  kind: DirectoryKind | null;
  team: string;
  source: DirectorySource | null;
  favorite: boolean;
}

/** A labelled group of the list: favorites and recents with the field empty, matches otherwise. */
export interface DirectoryGroup {
  label: 'Favorites' | 'Recent' | 'Matches';
  options: DirectoryOption[];
}

/** What the Transfer to list shows for `query`, echoed so a late answer is recognised as stale. */
export interface DirectorySuggestions {
  query: string;
  groups: DirectoryGroup[];
}

/** How one `directory.csv` was read, for Settings and the log. */
export interface DirectoryFileStatus {
  source: DirectorySource;
  file: string;
  /** Rows loaded. */
  entries: number;
  /** Rows left out, each with its line and why. */
  skipped: number;
  /** The first few skipped rows, each saying its line and why, e.g. `line 12: …`. */
  skippedLines: Text[];
  /** Why nothing of the file was used (not UTF-8, too big, no header), or null. */
  problem: Text | null;
}

/** The directory as loaded: how many entries, and what each file held. */
export interface DirectoryStatus {
  entries: number;
  /** Whether a file is being (re)read right now. */
  loading: boolean;
  files: DirectoryFileStatus[];
}

/** Whether an address is now a favorite. */
export interface FavoriteToggled {
  address: string;
  favorite: boolean;
}

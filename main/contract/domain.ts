import * as v from 'valibot';
import type { Failure } from './result';

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
  /** The system-wide shortcut (an Electron accelerator) that brings Handoff to the front; null is off. */
  bringToFrontShortcut: string | null;
  /** Whether the window stays above other windows (the softphone, the CRM). */
  keepOnTop: boolean;
  /** Whether an action's outcome is also told by an OS notification while the window is not focused. */
  notifyOutcomes: boolean;
}

/** Settings as the renderer sees them, with what the environment overrides. */
export interface SettingsView {
  settings: Settings;
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

/** Whether Handoff talks to Plivo or to the built-in simulator, and whether it is ready for calls. */
export interface AppState {
  mode: 'live' | 'demo';
  /** PHLO ID, node ID, the agent's number and credentials are all set for the current mode. */
  configured: boolean;
  /**
   * What was wrong with the agent's settings file, the machine policy or the environment (a preset
   * set aside, unknown keys, a bad HANDOFF_PHLO_BASE_URL), shown in every view and mode until the
   * agent dismisses it; a policy problem comes back at every start until IT fixes the policy.
   */
  settingsProblem: string | null;
  /** Whether the demo may be offered and started (`allowDemo`, which IT may turn off). */
  demoAllowed: boolean;
}

/** A call or transfer target from a handoff: link, as checked (the number already as Plivo takes it). */
export interface ScreenPop {
  kind: 'call' | 'transfer';
  /** The number or SIP address, parsed by the same rules as a typed one. */
  to: string;
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
  message: string;
  /** How many other links of the same burst were ignored. */
  ignored: number;
}

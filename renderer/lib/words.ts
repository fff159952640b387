/**
 * How the call reads to an agent: states and roles in words, people by name, and one sentence per
 * outcome. Pure functions of the snapshot, so every sentence follows from what the core reported.
 */
import type {
  ConnectionStatus,
  HistoryRow,
  Participant,
  ParticipantState,
  Role,
  SessionAction,
  SessionSnapshot,
} from '../../main/contract/domain';
import type { CloseRisk } from '../../main/session/transitions';
import { say } from './i18n.svelte';

/**
 * Participant states in words that claim only what Handoff knows. PHLO reports no answer, so
 * anyone dialled reads "Called" (with how long ago) until the agent's own next action says more;
 * the agent hears the answer on the softphone, Handoff never does.
 */
const STATE_WORDS: Record<ParticipantState, string> = {
  dialling: 'Called',
  connected: 'Connected',
  on_hold: 'On hold',
  consulting: 'Called',
  left: 'Left',
};

/** One person's state in words: the agent consulting is "Consulting", the colleague consulted only "Called". */
export function stateWord(person: Participant): string {
  return person.kind === 'self' && person.state === 'consulting' ? 'Consulting' : STATE_WORDS[person.state];
}

/** Plivo's member roles as shown in the rows and the Role select. */
export const ROLE_WORDS: Record<Role, string> = { agent: 'Agent', customer: 'Customer' };

/**
 * Call actions as the subject of a sentence ("… went through"). The snapshot names only the action,
 * not who it was for, so these never name a person.
 */
export const ACTION_WORDS: Record<SessionAction, string> = {
  warm_transfer: 'the warm transfer',
  cold_transfer: 'the cold transfer',
  add_participant: 'adding someone to the call',
  complete_transfer: 'completing the transfer',
  cancel_transfer: 'cancelling the transfer',
  merge_transfer: 'merging the calls',
  hold: 'putting someone on hold',
  unhold: 'taking someone off hold',
  hangup: 'the hang-up',
  voicemail_drop: 'the voicemail drop',
};

/** Who someone is in a sentence: the agent is "you", anyone else their name, else their number. */
export function nameOf(person: Participant): string {
  if (person.kind === 'self') return 'you';
  return person.label ?? person.displayAddress;
}

/** Name and number together, so two people with the same name are still told apart by a screen reader. */
export function fullNameOf(person: Participant): string {
  if (person.kind === 'self') return 'yourself';
  return person.label === null ? person.displayAddress : `${person.label} ${person.displayAddress}`;
}

/** Joins names as a sentence does: "Dana", "Dana and Lee", "Dana, Lee and Kim". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** The people of a warm transfer, so its panel and its announcement name the same three. */
export interface TransferPeople {
  self: Participant;
  target: Participant;
  /** Everyone else still on the call: the customer, and anyone added before the transfer. */
  others: Participant[];
}

/** The warm transfer's people, or null when none is under way. */
export function transferPeople(snapshot: SessionSnapshot | null): TransferPeople | null {
  const transfer = snapshot?.transfer ?? null;
  if (snapshot === null || transfer === null) return null;
  const self = snapshot.participants.find((p) => p.kind === 'self');
  const target = snapshot.participants.find((p) => p.id === transfer.targetId);
  if (self === undefined || target === undefined) return null;
  const others = snapshot.participants.filter((p) => p !== self && p !== target && p.state !== 'left');
  return { self, target, others };
}

const names = (people: readonly Participant[]) => listOf(people.map(nameOf));
const verb = (people: readonly Participant[], one: string, many: string) => (people.length === 1 ? one : many);

/** The newest participant: the one a dial action just added. */
function newest(snapshot: SessionSnapshot): Participant | undefined {
  return snapshot.participants[snapshot.participants.length - 1];
}

/** What the agent hears after a warm transfer started. */
export function warmStarted(after: SessionSnapshot): string {
  const people = transferPeople(after);
  if (people === null) return 'Warm transfer started.';
  const held = people.others.filter((p) => p.state === 'on_hold');
  const target = nameOf(people.target);
  return held.length === 0
    ? `Warm transfer started: calling ${target}.`
    : `Warm transfer started: calling ${target} while ${names(held)} ${verb(held, 'holds', 'hold')}.`;
}

/** What the agent hears after a cold transfer was accepted. */
export function coldStarted(after: SessionSnapshot): string {
  const target = newest(after);
  return target === undefined
    ? 'Cold transfer started; you have left the call.'
    : `Cold transfer started: ${nameOf(target)} is being dialled and you have left the call.`;
}

/** What the agent hears after someone was dialled into the call. */
export function added(after: SessionSnapshot): string {
  const target = newest(after);
  return target === undefined ? 'Dialling into the call.' : `Dialling ${nameOf(target)} into the call.`;
}

/** What the agent hears when a warm transfer ends; `before` still names its target. */
export function transferEnded(how: 'complete' | 'cancel' | 'merge', before: SessionSnapshot | null): string {
  const people = transferPeople(before);
  if (people === null) {
    return { complete: 'Transfer completed.', cancel: 'Transfer cancelled.', merge: 'Calls merged.' }[how];
  }
  const target = nameOf(people.target);
  const others = people.others;
  if (how === 'complete') {
    return others.length === 0
      ? `Transfer completed: you have left ${target} on the call.`
      : `Transfer completed: you have left the call, and ${names(others)} ${verb(others, 'stays', 'stay')} on it with ${target}.`;
  }
  if (how === 'cancel') {
    return others.length === 0
      ? `Transfer cancelled: ${target} has left.`
      : `Transfer cancelled: ${target} has left and you are back with ${names(others)}.`;
  }
  return `Calls merged: ${listOf(['you', ...others.map(nameOf), target])} are all on the call.`;
}

/** What the agent hears after a row action. */
export function memberChanged(action: 'hold' | 'unhold' | 'hangup', person: Participant): string {
  const who = nameOf(person);
  if (person.kind === 'self') return 'You have left the call.';
  if (action === 'hold') return `${who} is on hold.`;
  if (action === 'unhold') return `${who} is back on the call.`;
  return `${who} was hung up.`;
}

/** What the agent hears after opening a call. */
export function opened(after: SessionSnapshot): string {
  const customer = after.participants.find((p) => p.kind === 'customer');
  return customer === undefined ? 'Call opened.' : `Call opened with ${nameOf(customer)}.`;
}

/** What the agent hears after saying whether an action whose answer was lost went through. */
export function confirmed(action: SessionAction, happened: boolean): string {
  return happened ? `Updated: ${ACTION_WORDS[action]} went through.` : 'Noted: the call is as it was.';
}

/** Why closing the call here needs the agent's word, naming who would be left behind. */
export function closeQuestion(risk: CloseRisk): string {
  const sentences: string[] = [];
  if (risk.held.length > 0) sentences.push(`${names(risk.held)} ${verb(risk.held, 'is', 'are')} on hold.`);
  if (risk.consulting !== null) sentences.push(`You are still consulting ${nameOf(risk.consulting)}.`);
  if (risk.unconfirmed) sentences.push('Whether the last action went through is not settled yet.');
  const them = risk.held.length === 1 ? 'them' : 'anyone';
  return `${sentences.join(' ')} Closing here does not take ${them} off hold or end the calls. Close anyway?`;
}

/** The connection's state in the header's few words, after "Plivo" (or "Simulator"). */
export function connectionState(status: ConnectionStatus | null): string {
  if (status === null) return 'not checked yet';
  if (status.state === 'not_checked') return status.checking ? 'checking…' : 'not checked yet';
  return { not_set_up: 'not set up', reachable: 'reachable', unreachable: 'not reachable' }[status.state];
}

/** How long ago the last check finished: "checked 0:40 ago" within the hour, else the time of day. */
export function checkedWhen(checkedAt: string, now: number): string {
  const at = new Date(checkedAt);
  const seconds = Math.max(0, Math.floor((now - at.getTime()) / 1000));
  if (seconds >= 3600) return `checked at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  return `checked ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} ago`;
}

/** The whole connection sentence, for the header button's name and its details: "Plivo not reachable: why, checked 0:40 ago." */
export function connectionSentence(subject: string, status: ConnectionStatus | null, when: string | null): string {
  const state = `${subject} ${connectionState(status)}`;
  const why = status?.reason == null ? state : `${state}: ${say(status.reason)}`;
  return when === null ? `${why}.` : `${why}, ${when}.`;
}

/** Said with "Call opened" when the last check found Plivo out of reach: the call is tracked, transfers will fail. */
export function openedUnreachable(reason: string): string {
  return `Plivo is not reachable (${reason}), so transfers will fail until it is; Handoff tracks the call all the same.`;
}

/** Call actions as History names them, one short name each. */
export const ACTION_NAMES: Record<SessionAction, string> = {
  warm_transfer: 'Warm transfer',
  cold_transfer: 'Cold transfer',
  add_participant: 'Add to call',
  complete_transfer: 'Complete transfer',
  cancel_transfer: 'Cancel transfer',
  merge_transfer: 'Merge calls',
  hold: 'Hold',
  unhold: 'Take off hold',
  hangup: 'Hang up',
  voicemail_drop: 'Voicemail drop',
};

/** What came of an action, in History: an uncertain one with what the agent said about it. */
export function outcomeWord(row: HistoryRow): string {
  if (row.outcome === 'accepted') return 'Went through';
  if (row.outcome === 'failed') return 'Failed';
  if (row.agentSaid === null) return 'Unknown';
  return row.agentSaid ? 'Unknown: you said it went through' : 'Unknown: you said it did not';
}

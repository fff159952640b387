/**
 * How the call reads to an agent: states and roles, people by name, and one sentence per outcome,
 * as Texts (catalog message ids with their arguments). Pure functions of the snapshot, so every
 * sentence follows from what the core reported; state holds these Texts and components `say` them
 * when they render, so a change of language re-renders every word on screen.
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
import type { MessageId, Text, TextParam } from '../../main/contract/text';
import type { CloseRisk } from '../../main/session/transitions';
import { say, words } from './i18n.svelte';
import { minutesAndSeconds } from './elapsed';

/**
 * A Text; `params` is left out when none are given. The renderer's own copy of the contract's
 * `text` (main/contract/text.ts): the page imports only types from the contract.
 */
export function text(id: MessageId, params?: Readonly<Record<string, TextParam>>): Text {
  return params === undefined ? { id } : { id, params };
}

/**
 * What a field shows under it (TextField, FieldMessages): words the view already said (`t(…)`), or a
 * Text (the core's refusal) said when shown, so it follows a change of language.
 */
export type Shown = string | Text;

/** The words for a field's line: a Text said in the agent's language, words as they are. */
export function shown(value: Shown): string {
  return typeof value === 'string' ? value : say(value);
}

/**
 * Participant states that claim only what Handoff knows. PHLO reports no answer, so anyone
 * dialled reads "Called" (with how long ago) until the agent's own next action says more; the
 * agent hears the answer on the softphone, Handoff never does.
 */
const STATE_TEXTS: Record<ParticipantState, MessageId> = {
  dialling: 'state.called',
  connected: 'state.connected',
  on_hold: 'state.onHold',
  consulting: 'state.called',
  left: 'state.left',
};

/** One person's state: the agent consulting is "Consulting", the colleague consulted only "Called". */
export function stateText(person: Participant): Text {
  return text(person.kind === 'self' && person.state === 'consulting' ? 'state.consulting' : STATE_TEXTS[person.state]);
}

/** Plivo's member roles, in the order the Role selects offer them. */
export const ROLES: readonly Role[] = ['agent', 'customer'];

/** A member role as the rows and the Role selects show it ("Agent", "Customer"). */
export function roleText(role: Role): Text {
  return text(role === 'agent' ? 'role.agent' : 'role.customer');
}

/** Who someone is in a sentence: the agent is "you", anyone else their name, else their number. */
export function nameOf(person: Participant): string | Text {
  if (person.kind === 'self') return text('participant.you');
  return person.label ?? person.displayAddress;
}

/** Name and number together, so two people with the same name are still told apart by a screen reader. */
export function fullNameOf(person: Participant): string | Text {
  if (person.kind === 'self') return text('participant.yourself');
  return person.label === null ? person.displayAddress : text('participant.nameAndNumber', { name: person.label, address: person.displayAddress });
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

/** People as one list argument: the translator joins them as the language does ("Dana, Lee and Kim"). */
export const names = (people: readonly Participant[]): (string | Text)[] => people.map(nameOf);

/** The newest participant: the one a dial action just added. */
function newest(snapshot: SessionSnapshot): Participant | undefined {
  return snapshot.participants[snapshot.participants.length - 1];
}

/** What the agent hears after a warm transfer started. */
export function warmStarted(after: SessionSnapshot): Text {
  const people = transferPeople(after);
  if (people === null) return text('announce.warmStarted');
  const held = people.others.filter((p) => p.state === 'on_hold');
  const target = nameOf(people.target);
  return held.length === 0
    ? text('announce.warmStartedCalling', { target })
    : text('announce.warmStartedWhileHeld', { target, held: names(held), count: held.length });
}

/** What the agent hears after a cold transfer was accepted. */
export function coldStarted(after: SessionSnapshot): Text {
  const target = newest(after);
  return target === undefined ? text('announce.coldStarted') : text('announce.coldStartedDialling', { target: nameOf(target) });
}

/** What the agent hears after someone was dialled into the call. */
export function added(after: SessionSnapshot): Text {
  const target = newest(after);
  return target === undefined ? text('announce.dialling') : text('announce.diallingTarget', { target: nameOf(target) });
}

/** What the agent hears when a warm transfer ends; `before` still names its target. */
export function transferEnded(how: 'complete' | 'cancel' | 'merge', before: SessionSnapshot | null): Text {
  const people = transferPeople(before);
  if (people === null) {
    return text(({ complete: 'announce.transferCompleted', cancel: 'announce.transferCancelled', merge: 'announce.callsMerged' } as const)[how]);
  }
  const target = nameOf(people.target);
  const others = names(people.others);
  if (how === 'complete') {
    return others.length === 0
      ? text('announce.transferCompletedLeft', { target })
      : text('announce.transferCompletedOthersStay', { target, others, count: others.length });
  }
  if (how === 'cancel') {
    return others.length === 0
      ? text('announce.transferCancelledLeft', { target })
      : text('announce.transferCancelledBackWith', { target, others });
  }
  return text('announce.callsMergedEveryone', { everyone: [text('participant.you'), ...others, target] });
}

/** What the agent hears after a row action. */
export function memberChanged(action: 'hold' | 'unhold' | 'hangup', person: Participant): Text {
  if (person.kind === 'self') return text('announce.youLeft');
  const who = nameOf(person);
  return text(({ hold: 'announce.onHold', unhold: 'announce.backOnCall', hangup: 'announce.hungUp' } as const)[action], { person: who });
}

/** What the agent hears after opening a call. */
export function opened(after: SessionSnapshot): Text {
  const customer = after.participants.find((p) => p.kind === 'customer');
  return customer === undefined ? text('announce.callOpened') : text('announce.callOpenedWith', { customer: nameOf(customer) });
}

/**
 * What the agent hears after opening a call while the last check found Plivo out of reach: the
 * call is tracked, transfers will fail. `reason` is the core's few words on why.
 */
export function openedUnreachable(openedText: Text, reason: Text): Text {
  return text('announce.openedUnreachable', { opened: openedText, reason });
}

/** What the agent hears after saying whether an action whose answer was lost went through. */
export function confirmed(action: SessionAction, happened: boolean): Text {
  return happened ? text('announce.confirmedHappened', { action }) : text('announce.confirmedNot');
}

/** Why every call action waits: the agent has not said yet whether `action` went through. */
export function waitingFor(action: SessionAction): Text {
  return text('call.waitingForAnswer', { action });
}

/**
 * Why closing the call here needs the agent's word, naming who would be left behind: one Text per
 * sentence, each a whole sentence, the question last.
 */
export function closeQuestion(risk: CloseRisk): Text[] {
  const sentences: Text[] = [];
  if (risk.held.length > 0) sentences.push(text('call.closeQuestion.held', { held: names(risk.held), count: risk.held.length }));
  if (risk.consulting !== null) sentences.push(text('call.closeQuestion.consulting', { person: nameOf(risk.consulting) }));
  if (risk.unconfirmed) sentences.push(text('call.closeQuestion.unconfirmed'));
  sentences.push(text('call.closeQuestion.warning', { held: risk.held.length }));
  return sentences;
}

/** What Handoff talks to, as the header names it: Plivo, or in the demo its simulator. */
export function serviceText(demo: boolean): Text {
  return text('header.service', { service: demo ? 'simulator' : 'plivo' });
}

/** The connection's state in the header's few words, after "Plivo" (or "Simulator"). */
export function connectionState(status: ConnectionStatus | null): Text {
  if (status === null) return text('header.state.notChecked');
  if (status.state === 'not_checked') return text(status.checking ? 'header.state.checking' : 'header.state.notChecked');
  return text(({ not_set_up: 'header.state.notSetUp', reachable: 'header.state.reachable', unreachable: 'header.state.unreachable' } as const)[status.state]);
}

/** How long ago the last check finished: "checked 0:40 ago" within the hour, else the time of day in the agent's language. */
export function checkedWhen(checkedAt: string, now: number): Text {
  const at = new Date(checkedAt);
  const seconds = Math.max(0, Math.floor((now - at.getTime()) / 1000));
  if (seconds >= 3600) {
    return text('time.checkedAt', { time: at.toLocaleTimeString(words.current.tag, { hour: '2-digit', minute: '2-digit' }) });
  }
  return text('time.checkedAgo', { elapsed: minutesAndSeconds(seconds) });
}

/** The whole connection sentence, for the header button's name and its details: "Plivo not reachable: why, checked 0:40 ago." */
export function connectionSentence(service: Text, status: ConnectionStatus | null, when: Text | null): Text {
  const phrase = text('header.connection.status', { service, state: connectionState(status) });
  const reason = status?.reason ?? null;
  if (reason === null) return when === null ? text('header.connection.sentence', { status: phrase }) : text('header.connection.sentenceWhen', { status: phrase, when });
  return when === null
    ? text('header.connection.sentenceWhy', { status: phrase, reason })
    : text('header.connection.sentenceWhyWhen', { status: phrase, reason, when });
}

const ACTION_NAMES: Record<SessionAction, MessageId> = {
  warm_transfer: 'action.name.warmTransfer',
  cold_transfer: 'action.name.coldTransfer',
  add_participant: 'action.name.addParticipant',
  complete_transfer: 'action.name.completeTransfer',
  cancel_transfer: 'action.name.cancelTransfer',
  merge_transfer: 'action.name.mergeTransfer',
  hold: 'action.name.hold',
  unhold: 'action.name.unhold',
  hangup: 'action.name.hangup',
  voicemail_drop: 'action.name.voicemailDrop',
};

/** A call action as History names it, one short name each ("Warm transfer", "Take off hold"). */
export function actionName(action: SessionAction): Text {
  return text(ACTION_NAMES[action]);
}

/** What came of an action, in History: an uncertain one with what the agent said about it. */
export function outcomeText(row: HistoryRow): Text {
  if (row.outcome === 'accepted') return text('outcome.wentThrough');
  if (row.outcome === 'failed') return text('outcome.failed');
  if (row.agentSaid === null) return text('outcome.unknown');
  return text(row.agentSaid ? 'outcome.unknownSaidHappened' : 'outcome.unknownSaidNot');
}

/**
 * The rules of a call: which action is valid in which state, the one PHLO request it sends, and
 * the state it leads to once Plivo accepted it. Pure, so every rule is tested without I/O.
 * PHLO sends no events (../../../shared/docs/phlo-mpc-api.md, "Not available from PHLO"), so
 * this model is the participant list. The renderer imports it too, to offer only what `plan`
 * accepts: so it imports nothing but the contract, which keeps Node out of the page.
 */
import type { MemberAction, NodeAction, Participant, Role, SessionSnapshot } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text, type Text } from '../contract/text';

/** Someone about to be dialled, already given an id and display form by the caller. */
export type NewParticipant = Omit<Participant, 'state' | 'kind' | 'since'>;

/** An agent's intent on the current call. */
export type Command =
  | { action: 'warm_transfer' | 'cold_transfer' | 'add_participant'; target: NewParticipant }
  | { action: 'complete_transfer' | 'cancel_transfer' | 'merge_transfer' }
  | { action: 'hold' | 'unhold' | 'hangup' | 'voicemail_drop'; participantId: string };

/** A row action on one member of the call. */
export type MemberCommand = Extract<Command, { participantId: string }>['action'];

/** The one request a command sends, in PHLO's action names. */
export type PhloRequest =
  | { kind: 'node'; action: NodeAction; to: string; role: Role }
  | { kind: 'member'; member: string; action: MemberAction };

/**
 * A valid command: what to send, and what the call looks like once Plivo accepted it; `at` (ISO
 * 8601) stamps every state it changes, so hold and consult times count from it.
 */
export interface Plan {
  request: PhloRequest;
  next: (session: SessionSnapshot, at: string) => SessionSnapshot;
}

const NODE_ACTIONS: Record<DialAction, NodeAction> = {
  warm_transfer: 'warm_transfer',
  cold_transfer: 'cold_transfer',
  add_participant: 'call',
};

/** Checks a command against the call's state and returns its plan, or `invalid_state` saying why. */
export function plan(session: SessionSnapshot, command: Command): Result<Plan> {
  const self = findSelf(session);
  if (self.state === 'left') return refuse(SELF_LEFT);

  switch (command.action) {
    case 'warm_transfer':
    case 'cold_transfer':
    case 'add_participant':
      return planDial(session, command.action, command.target);
    case 'complete_transfer':
    case 'cancel_transfer':
    case 'merge_transfer':
      return planTransferEnd(session, self, command.action);
    default:
      return planMember(session, self, command.action, command.participantId);
  }
}

/** The row actions `plan` accepts for this participant now, so a view offers only those. */
export function memberActions(session: SessionSnapshot, participantId: string): MemberCommand[] {
  return MEMBER_COMMANDS.filter((action) => plan(session, { action, participantId }).ok);
}

/**
 * What closing the call in Handoff would leave behind in Plivo, or null when nothing would be: the
 * close only forgets the call here, so anyone held stays held and a half-done transfer stays half
 * done, with no button left to finish it.
 */
export interface CloseRisk {
  /** Everyone still on hold, in the order the participant list shows them. */
  held: Participant[];
  /** The colleague being consulted, while a warm transfer is under way. */
  consulting: Participant | null;
  /** Whether an action's outcome is still unknown (the agent has not said whether it went through). */
  unconfirmed: boolean;
}

/** The one rule for a close that needs the agent's explicit word; the core enforces it, views ask with it. */
export function closeRisk(session: SessionSnapshot): CloseRisk | null {
  const held = session.participants.filter((p) => p.state === 'on_hold');
  const transfer = session.transfer;
  const consulting = transfer === null ? null : (session.participants.find((p) => p.id === transfer.targetId) ?? null);
  const unconfirmed = session.unconfirmed !== null;
  return held.length === 0 && transfer === null && !unconfirmed ? null : { held, consulting, unconfirmed };
}

/** Why nobody can be dialled into the call now (transfer or add), or null when the panel may offer it. */
export function whyNoDial(session: SessionSnapshot): Text | null {
  if (findSelf(session).state === 'left') return SELF_LEFT;
  return session.transfer === null ? null : TRANSFER_UNDER_WAY;
}

const SELF_LEFT = text('session.selfLeft');
const TRANSFER_UNDER_WAY = text('session.transferUnderWay');
const MEMBER_COMMANDS: readonly MemberCommand[] = ['hold', 'unhold', 'hangup', 'voicemail_drop'];

/** The actions that dial someone. */
export type DialAction = Extract<Command, { target: NewParticipant }>['action'];
/** The three ways a warm transfer ends. */
export type TransferEndAction = Exclude<Command['action'], DialAction | MemberCommand>;
type State = Participant['state'];

// What each dial does to the agent, to the others still on the call, and the target's first state.
const DIAL_EFFECTS: Record<DialAction, { self: State | null; others: State | null; target: State }> = {
  // The others hear hold music while the agent consults the target privately.
  warm_transfer: { self: 'consulting', others: 'on_hold', target: 'consulting' },
  // The agent leaves; the target is dialled straight to the others.
  cold_transfer: { self: 'left', others: 'connected', target: 'dialling' },
  add_participant: { self: null, others: null, target: 'dialling' },
};

function planDial(session: SessionSnapshot, action: DialAction, target: NewParticipant): Result<Plan> {
  const why = whyNoDial(session);
  if (why !== null) return refuse(why);
  // Refusals about the number typed point at the field, so the form shows them beside it.
  if (findSelf(session).address === target.address) {
    return fail('invalid_state', text('session.ownNumberColleague'), { field: 'to' });
  }
  if (active(session).some((p) => p.address === target.address)) {
    return fail('invalid_state', text('session.alreadyOnCall', { target: target.displayAddress }), { field: 'to' });
  }
  const effect = DIAL_EFFECTS[action];
  const stateOf = (p: Participant): State => {
    if (p.kind === 'self') return effect.self ?? p.state;
    return isActive(p) ? (effect.others ?? p.state) : p.state;
  };
  return ok({
    request: { kind: 'node', action: NODE_ACTIONS[action], to: target.address, role: target.role },
    next: (s, at) => ({
      ...s,
      participants: [
        ...s.participants.map((p) => withState(p, stateOf(p), at)),
        { ...target, kind: 'colleague', state: effect.target, since: at },
      ],
      transfer: action === 'warm_transfer' ? { targetId: target.id } : s.transfer,
    }),
  });
}

function planTransferEnd(
  session: SessionSnapshot,
  self: Participant,
  action: TransferEndAction,
): Result<Plan> {
  const transfer = session.transfer;
  if (transfer === null) return refuse(text('session.noTransfer'));
  const request: PhloRequest = {
    kind: 'member',
    member: self.address,
    // Completing is the agent hanging up: PHLO then joins the held members with the target.
    action: action === 'complete_transfer' ? 'hangup' : action === 'cancel_transfer' ? 'abort_transfer' : 'resume_call',
  };
  const stateOf = (p: Participant): Participant['state'] => {
    if (p.kind === 'self') return action === 'complete_transfer' ? 'left' : 'connected';
    if (p.id === transfer.targetId) return action === 'cancel_transfer' ? 'left' : 'connected';
    return isActive(p) ? 'connected' : p.state;
  };
  return ok({
    request,
    next: (s, at) => ({ ...s, participants: s.participants.map((p) => withState(p, stateOf(p), at)), transfer: null }),
  });
}

function planMember(
  session: SessionSnapshot,
  self: Participant,
  action: MemberCommand,
  participantId: string,
): Result<Plan> {
  const member = session.participants.find((p) => p.id === participantId);
  if (member === undefined) return fail('invalid_input', text('session.notParticipant'), { field: 'participantId' });
  if (session.transfer !== null) return refuse(TRANSFER_UNDER_WAY);
  const name = member.label ?? member.displayAddress;
  if (member.state === 'left') return refuse(text('session.alreadyLeft', { name }));
  if (action !== 'hangup' && member.id === self.id) return refuse(text('session.notForSelf'));
  // Leaving is safe only when the call goes on without the agent: two others talking (a merged
  // three-way call, say). Anyone on hold would be left there, with nobody to take them off it;
  // anyone still dialling may never answer.
  if (member.id === self.id) {
    const others = session.participants.filter((p) => p.id !== self.id && isActive(p));
    if (others.some((p) => p.state === 'on_hold')) return refuse(text('session.unholdBeforeLeaving'));
    if (others.filter((p) => p.state === 'connected').length < 2) {
      return refuse(text('session.leavingEndsCall'));
    }
  }

  let state: Participant['state'];
  if (action === 'hold') {
    if (member.state === 'on_hold') return refuse(text('session.alreadyOnHold', { name }));
    state = 'on_hold';
  } else if (action === 'unhold') {
    if (member.state !== 'on_hold') return refuse(text('session.notOnHold', { name }));
    state = 'connected';
  } else {
    state = 'left';
  }
  return ok({
    request: { kind: 'member', member: member.address, action },
    next: (s, at) => {
      const participants = s.participants.map((p) => (p.id === member.id ? withState(p, state, at) : p));
      // A call with one member left ends (the simulator models it so, and Plivo finds a call by its
      // members), so nobody is left to act on.
      const ended = participants.filter(isActive).length < 2;
      return { ...s, participants: ended ? participants.map((p) => withState(p, 'left', at)) : participants };
    },
  });
}

/** The agent's own row; every session has exactly one. */
export function findSelf(session: SessionSnapshot): Participant {
  const self = session.participants.find((p) => p.kind === 'self');
  if (self === undefined) throw new Error('A call session always has the agent as a participant.');
  return self;
}

/** A participant in `state`, stamped `at` only when the state really changes, so a timer never restarts for nothing. */
function withState(p: Participant, state: State, at: string): Participant {
  return p.state === state ? p : { ...p, state, since: at };
}

function active(session: SessionSnapshot): Participant[] {
  return session.participants.filter(isActive);
}

function isActive(p: Participant): boolean {
  return p.state !== 'left';
}

function refuse(message: Text): Result<Plan> {
  return fail('invalid_state', message);
}

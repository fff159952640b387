/**
 * The agent's current call: who is on it, and the one action that may be in flight. Every
 * action is checked here before anything is sent, sent once, and changes the call only when
 * Plivo accepted it.
 */
import { randomUUID } from 'node:crypto';
import type { ActionOutcome, Participant, Role, SessionSnapshot, Settings } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text, type Text } from '../contract/text';
import { formatAddress, parseAddress } from '../address/address';
import { storedSession, type JournalEntry } from '../journal/journal-entry';
import type { JournalWriter } from '../journal/journal';
import type { RestoredCall } from '../journal/restore';
import type { Logger } from '../log/logger';
import type { Accepted, PhloClient, PhloTarget } from '../phlo/phlo-client';
import { mayHaveHappened } from '../phlo/request-outcome';
import { phloTarget, type CredentialLender, type SettingsSource } from '../phlo/phlo-target';
import { requireSettings } from '../settings/require-settings';
import {
  closeRisk,
  findSelf,
  plan,
  type Command,
  type DialAction,
  type MemberCommand,
  type NewParticipant,
  type PhloRequest,
  type CloseRisk,
  type TransferEndAction,
} from './transitions';

/** The parts a call session needs; the composition root passes the real ones. */
export interface CallSessionDeps {
  settings: SettingsSource;
  credentials: CredentialLender;
  phlo: PhloClient;
  logger: Logger;
  now: () => Date;
  /** Where every action is recorded before it is sent; the demo has none. */
  journal?: JournalWriter;
  /** The call rebuilt from the journal at start, if Handoff stopped without closing it. */
  restored?: RestoredCall | null;
}

/** A number or SIP address to dial, as the agent typed it. */
export interface DialInput {
  to: string;
  role?: Role | undefined;
  label?: string | undefined;
}

/** Someone on the call as the participant list shows them, numbers formatted for the agent's country. */
function person(address: string, role: Role, label: string | null, settings: Settings): NewParticipant {
  return { id: randomUUID(), address, displayAddress: formatAddress(address, settings.defaultCountry), role, label };
}

/** Why a close needs confirming, naming the people it would leave behind. */
function closeWarning(risk: CloseRisk): Text {
  const name = (p: { label: string | null; displayAddress: string }) => p.label ?? p.displayAddress;
  return text('session.closeWarning', {
    held: risk.held.map(name),
    heldCount: risk.held.length,
    transfer: risk.consulting === null ? 'no' : 'yes',
    consulting: risk.consulting === null ? '' : name(risk.consulting),
    unconfirmed: risk.unconfirmed ? 'yes' : 'no',
  });
}

/** Who a command is aimed at, for History: name and exact address, as the agent knows them now. */
function targetText(session: SessionSnapshot, command: Command): string {
  const named = (p: { label: string | null; address: string }) => (p.label === null ? p.address : `${p.label} (${p.address})`);
  let who: Pick<Participant, 'label' | 'address'> | undefined;
  if ('target' in command) who = command.target;
  else if ('participantId' in command) who = session.participants.find((p) => p.id === command.participantId);
  else who = session.participants.find((p) => p.id === session.transfer?.targetId);
  return who === undefined ? '' : named(who);
}

/** The operations behind the call view. */
export type CallSession = ReturnType<typeof createCallSession>;

/** Builds the holder of the agent's one open call. */
export function createCallSession(deps: CallSessionDeps) {
  let session: SessionSnapshot | null = deps.restored?.snapshot ?? null;
  // What the unconfirmed action would lead to, should the agent say it happened, and its journal id.
  let unconfirmedNext: ((s: SessionSnapshot) => SessionSnapshot) | null = deps.restored?.unconfirmed?.next ?? null;
  let unconfirmedId: string | null = deps.restored?.unconfirmed?.actionId ?? null;
  const stamp = () => deps.now().toISOString();
  const record = (entries: JournalEntry[]): Result<null> => deps.journal?.write(entries) ?? ok(null);
  const stateEntry = (s: SessionSnapshot, at: string): JournalEntry => ({ type: 'session', at, session: storedSession(s) });
  const listeners = new Set<(snapshot: SessionSnapshot | null) => void>();

  function publish(next: SessionSnapshot | null): void {
    session = next;
    for (const listener of listeners) {
      // A listener that fails (a window that went away) must not leave the call stuck as pending.
      try {
        listener(next);
      } catch (error) {
        deps.logger.error({ err: error }, 'session listener failed');
      }
    }
  }

  function dialTarget(input: DialInput, settings: Settings): Result<NewParticipant> {
    const address = parseAddress(input.to, settings.defaultCountry);
    if (!address.ok) return fail(address.error.code, address.error.message, { field: 'to' });
    return ok(person(address.value, input.role ?? settings.defaultRole, input.label || null, settings));
  }

  async function run(build: (settings: Settings) => Result<Command>): Promise<Result<ActionOutcome>> {
    // Everything up to marking the action pending is synchronous, so a second action fired in the
    // same tick sees it and is refused before it can send anything.
    const shown = session;
    if (shown === null) return fail('no_call', text('session.openCallFirst'));
    // Acting on a restored call is the agent taking it up again: the restored notice has done its work.
    const current = shown.restored ? { ...shown, restored: false } : shown;
    if (current.pending !== null) return fail('busy', text('session.busy'));
    if (current.unconfirmed !== null) {
      return fail('invalid_state', text('session.confirmFirst'));
    }
    const config = requireSettings(deps.settings.current(), ['phloId', 'nodeId'] as const);
    if (!config.ok) return config;
    const command = build(config.value);
    if (!command.ok) return command;
    const planned = plan(current, command.value);
    if (!planned.ok) return planned;

    publish({ ...current, pending: command.value.action });
    // Plivo acts on the request when it arrives: the states it leads to count from now.
    const sentAt = stamp();
    const actionId = randomUUID();
    const ref = { at: sentAt, sessionId: current.id, actionId };
    // Durable before it leaves: a request the journal does not know of could be sent twice after a crash.
    const journalled = record([{ type: 'intent', ...ref, command: command.value, target: targetText(current, command.value) }]);
    if (!journalled.ok) {
      publish(shown);
      return journalled;
    }
    const settings = config.value;
    let sent: Result<Accepted>;
    try {
      sent = await deps.credentials.use((credentials) =>
        // The call's own agent leg, not today's setting: a number changed mid-call must not break it.
        send(phloTarget(settings, deps.settings.effectivePhloBaseUrl(), credentials), planned.value.request, findSelf(current).address),
      );
    } catch (error) {
      // Only a bug gets here; whether anything reached Plivo is unknown, so it is treated like a timeout.
      deps.logger.error({ err: error, action: command.value.action }, 'call action crashed');
      sent = fail('internal', text('session.crashedWhileSending'));
    }
    if (!sent.ok) {
      deps.logger.warn({ action: command.value.action, code: sent.error.code, apiId: sent.error.detail?.apiId }, 'call action failed');
      const { code, message } = sent.error;
      const uncertain = mayHaveHappened(sent.error);
      record([{ type: uncertain ? 'uncertain' : 'failed', ...ref, at: stamp(), code, message, apiId: sent.error.detail?.apiId ?? null }]);
      if (uncertain) {
        // Never resent: the agent, who can hear the call, says whether it happened.
        unconfirmedNext = (s) => planned.value.next(s, sentAt);
        unconfirmedId = actionId;
        publish({ ...current, unconfirmed: { action: command.value.action, failure: sent.error } });
      } else {
        publish(current);
      }
      return sent;
    }
    // `current` is the call as it was before the action was marked pending: nothing else can change it meanwhile.
    const next = planned.value.next(current, sentAt);
    record([{ type: 'accepted', ...ref, at: stamp(), apiId: sent.value.apiId }, stateEntry(next, stamp())]);
    deps.logger.info({ action: command.value.action, apiId: sent.value.apiId }, 'call action accepted');
    publish(next);
    return ok({ session: next, apiId: sent.value.apiId });
  }

  function send(target: PhloTarget, request: PhloRequest, agentAddress: string) {
    return request.kind === 'node'
      ? deps.phlo.nodeAction(target, { action: request.action, to: request.to, role: request.role, triggerSource: agentAddress })
      : deps.phlo.memberAction(target, request.member, request.action);
  }

  const dial =
    (action: DialAction) =>
    (input: DialInput): Promise<Result<ActionOutcome>> =>
      run((settings) => {
        const target = dialTarget(input, settings);
        return target.ok ? ok({ action, target: target.value }) : target;
      });
  const onTransfer = (action: TransferEndAction) => () =>
    run(() => ok({ action }));
  const onMember =
    (action: MemberCommand) =>
    (participantId: string): Promise<Result<ActionOutcome>> =>
      run(() => ok({ action, participantId }));

  return {
    /** The call as it stands, or null when none is open. */
    snapshot(): SessionSnapshot | null {
      return session;
    },

    /** Starts tracking the call the agent is on; PHLO has no call to read, so nothing is sent. */
    open(input: { customer: string; label?: string | undefined }): Result<SessionSnapshot> {
      if (session !== null) return fail('invalid_state', text('session.alreadyOpen'));
      const config = requireSettings(deps.settings.current(), ['phloId', 'nodeId', 'agentAddress'] as const);
      if (!config.ok) return config;
      const settings = config.value;
      const agentAddress = settings.agentAddress;
      const customer = parseAddress(input.customer, settings.defaultCountry);
      if (!customer.ok) return fail(customer.error.code, customer.error.message, { field: 'customer' });
      if (customer.value === agentAddress) {
        return fail('invalid_address', text('session.ownNumberCustomer'), { field: 'customer' });
      }
      const openedAt = stamp();
      const fresh: SessionSnapshot = {
        id: randomUUID(),
        openedAt,
        participants: [
          { ...person(agentAddress, 'agent', 'You', settings), kind: 'self', state: 'connected', since: openedAt },
          { ...person(customer.value, 'customer', input.label || null, settings), kind: 'customer', state: 'connected', since: openedAt },
        ],
        transfer: null,
        pending: null,
        unconfirmed: null,
        restored: false,
      };
      const journalled = record([stateEntry(fresh, openedAt)]);
      if (!journalled.ok) return journalled;
      publish(fresh);
      return ok(fresh);
    },

    /** The agent's word on an action whose answer was lost: apply what it leads to, or keep the call as it was. */
    confirmOutcome(happened: boolean): Result<SessionSnapshot> {
      const current = session;
      if (current === null) return fail('no_call', text('session.noCall'));
      if (current.pending !== null) return fail('busy', text('session.busy'));
      if (current.unconfirmed === null || unconfirmedNext === null) return fail('invalid_state', text('session.nothingToConfirm'));
      const settled = { ...current, unconfirmed: null, restored: false };
      const next = happened ? unconfirmedNext(settled) : settled;
      const at = stamp();
      const said: JournalEntry = { type: 'confirmed', at, sessionId: current.id, actionId: unconfirmedId ?? '', happened };
      record(happened ? [said, stateEntry(next, at)] : [said]);
      deps.logger.info({ action: current.unconfirmed.action, happened }, 'agent confirmed an uncertain action');
      unconfirmedNext = null;
      unconfirmedId = null;
      publish(next);
      return ok(next);
    },

    /**
     * Stops tracking the call in Handoff; the phone call itself is the softphone's. A close that would
     * leave someone on hold, a transfer half done or an outcome unknown needs `force`, so no view can
     * strand a caller with one click.
     */
    end(options: { force: boolean } = { force: false }): Result<null> {
      if (session === null) return fail('no_call', text('session.noCall'));
      if (session.pending !== null) return fail('busy', text('session.busy'));
      const risk = closeRisk(session);
      if (risk !== null && !options.force) return fail('needs_confirmation', closeWarning(risk));
      if (risk !== null) deps.logger.warn({ held: risk.held.length, transfer: risk.consulting !== null, unconfirmed: risk.unconfirmed }, 'call closed in Handoff with someone left behind');
      // A clean close: a restart restores nothing. Not journalled, it would come back: that is the safe side.
      record([{ type: 'end', at: stamp(), sessionId: session.id }]);
      unconfirmedNext = null;
      unconfirmedId = null;
      publish(null);
      return ok(null);
    },

    /** The agent has read that the call was restored; nothing else changes. */
    dismissRestored(): Result<SessionSnapshot | null> {
      if (session?.restored === true) publish({ ...session, restored: false });
      return ok(session);
    },

    /** Consult a colleague while the customer holds. */
    warmTransfer: dial('warm_transfer'),
    /** Hand the customer straight to someone and leave. */
    coldTransfer: dial('cold_transfer'),
    /** Dial someone into the call. */
    addParticipant: dial('add_participant'),
    /** Leave the customer with the colleague consulted. */
    completeTransfer: onTransfer('complete_transfer'),
    /** Drop the colleague and return to the customer. */
    cancelTransfer: onTransfer('cancel_transfer'),
    /** Bring the customer back for a three-way call. */
    mergeTransfer: onTransfer('merge_transfer'),
    /** Put a member on hold. */
    hold: onMember('hold'),
    /** Take a member off hold. */
    unhold: onMember('unhold'),
    /** Disconnect a member. */
    hangup: onMember('hangup'),
    /** Leave the node's voicemail message on a member's voicemail and drop that leg. */
    voicemailDrop: onMember('voicemail_drop'),

    /** Calls `listener` after every change; returns the unsubscribe. */
    onChange(listener: (snapshot: SessionSnapshot | null) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

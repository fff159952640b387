/**
 * The agent's call as the core reports it. The snapshot is the truth: this class only holds the
 * latest one (from a result or a `session:changed` event) and derives what the view needs from it.
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type {
  ActionOutcome,
  Participant,
  Role,
  SessionAction,
  SessionSnapshot,
  UnconfirmedAction,
} from '../../main/contract/domain';
import type { ChannelInput } from '../../main/contract/ipc';
import type { FailureDetail, Result } from '../../main/contract/result';
import type { Text } from '../../main/contract/text';
import {
  closeRisk,
  memberActions,
  whyNoDial,
  type CloseRisk,
  type DialAction,
  type MemberCommand,
  type TransferEndAction,
} from '../../main/session/transitions';
import { settle } from '../lib/api';
import {
  added,
  coldStarted,
  confirmed,
  memberChanged,
  opened,
  openedUnreachable,
  text,
  transferEnded,
  transferPeople,
  waitingFor,
  warmStarted,
  type TransferPeople,
} from '../lib/words';
import type { Activity } from './activity.svelte';
import type { Announcer } from './announcer.svelte';
import type { ConnectionModel } from './connection.svelte';

/** The row actions this window offers; voicemail drop is the core's alone, with no button here. */
export type RowAction = Exclude<MemberCommand, 'voicemail_drop'>;

/** Who to dial, as typed (the core parses it again; the field has already checked it). */
export interface DialTarget {
  to: string;
  role: Role;
  label: string;
}

/** The form fields a call action's failure can point at. */
export const OPEN_FIELDS = ['customer', 'label'] as const satisfies readonly (keyof ChannelInput<'session:open'>)[];
/** The transfer panel's fields a failure can point at. */
export const DIAL_FIELDS = ['to', 'role', 'label'] as const satisfies readonly (keyof ChannelInput<'call:warm-transfer'>)[];

/** The call, its derived views, and the actions on it. */
export class CallModel {
  #snapshot = $state.raw<SessionSnapshot | null>(null);
  /** Bumped by every event, so a `session.get` answer older than an event is dropped. */
  #events = 0;
  readonly #api: HandoffApi;
  readonly #activity: Activity;
  readonly #announcer: Announcer;
  readonly #connection: ConnectionModel;

  #transfer = $derived(transferPeople(this.#snapshot));
  #closeRisk = $derived(this.#snapshot === null ? null : closeRisk(this.#snapshot));
  #whyNoDial = $derived(this.#snapshot === null ? null : whyNoDial(this.#snapshot));
  #waiting = $derived.by(() => {
    const action = this.#snapshot?.unconfirmed?.action;
    return action === undefined ? null : waitingFor(action);
  });

  /** Built by the app root, which shares the activity, the announcer and Plivo's reachability with the other models. */
  constructor(api: HandoffApi, activity: Activity, announcer: Announcer, connection: ConnectionModel) {
    this.#api = api;
    this.#activity = activity;
    this.#announcer = announcer;
    this.#connection = connection;
  }

  /** The call, or null when none is open. */
  get snapshot(): SessionSnapshot | null {
    return this.#snapshot;
  }

  /** The action the core has in flight, if any. */
  get pending(): SessionAction | null {
    return this.#snapshot?.pending ?? null;
  }

  /**
   * The action whose answer was lost, waiting for the agent to say whether it happened. It comes
   * with the snapshot, so a reload or a second window asks the same question.
   */
  get unconfirmed(): UnconfirmedAction | null {
    return this.#snapshot?.unconfirmed ?? null;
  }

  /** Why every call action waits (the core refuses them until the agent answers), or null. */
  get waiting(): Text | null {
    return this.#waiting;
  }

  /** The warm transfer's three parties, or null when none is under way. */
  get transfer(): TransferPeople | null {
    return this.#transfer;
  }

  /** What closing the call here would leave behind in Plivo (the core's own rule), or null when nothing. */
  get closeRisk(): CloseRisk | null {
    return this.#closeRisk;
  }

  /** Why the transfer panel cannot dial anyone now (the core's own rule), or null when it can. */
  get whyNoDial(): Text | null {
    return this.#whyNoDial;
  }

  /** The row actions the core would accept now, by its own rules, so only those are offered. */
  actionsFor(person: Participant): RowAction[] {
    if (this.#snapshot === null) return [];
    return memberActions(this.#snapshot, person.id).filter((action): action is RowAction => action !== 'voicemail_drop');
  }

  /** Takes a snapshot pushed by the core. */
  receive(snapshot: SessionSnapshot | null): void {
    this.#events += 1;
    this.#snapshot = snapshot;
  }

  /** Reads the call once at start (or after the demo switched profiles); a failure is announced. */
  async load(): Promise<void> {
    const seen = this.#events;
    const result = await settle(() => this.#api.session.get());
    // An event since the request carries a newer call than this answer: neither it nor its failure matters.
    if (seen !== this.#events) return;
    if (result.ok) this.#snapshot = result.value;
    else this.#announcer.failure(result.error);
  }

  /** The core's word on a typed address, read with the stored default country as an action would read it. */
  checkAddress(text: string): Promise<Result<string>> {
    return settle(() => this.#api.address.check({ text }));
  }

  /** Whether the call shown was rebuilt from the journal after Handoff closed unexpectedly, and the agent has not taken it up yet. */
  get restored(): boolean {
    return this.#snapshot?.restored ?? false;
  }

  /** The agent has read the restored notice; a failure is announced and the notice stays. */
  async dismissRestored(): Promise<void> {
    const result = await settle(() => this.#accept(() => this.#api.session.dismissRestored()));
    if (!result.ok) this.#announcer.failure(result.error);
  }

  /** Starts tracking the call the agent is on. */
  open(customer: string, label: string): Promise<Result<SessionSnapshot> | null> {
    return this.#activity.run(
      'session:open',
      async () => this.#accept(() => this.#api.session.open(label === '' ? { customer } : { customer, label })),
      {
        // Tracking is local, so the call opens either way; a dead line is said at once, not at the first transfer.
        success: (snapshot) => {
          const reason = this.#connection.unreachableReason;
          return reason === null ? opened(snapshot) : openedUnreachable(opened(snapshot), reason);
        },
        fields: OPEN_FIELDS,
      },
    );
  }

  /**
   * Stops tracking the call in Handoff; the phone call itself belongs to the softphone. `force` is
   * the agent's answer to the close question: without it the core refuses a close that strands anyone.
   */
  end(force = false): Promise<Result<null> | null> {
    return this.#activity.run(
      'session:end',
      async () => {
        const result = await this.#api.session.end({ force });
        if (result.ok) this.#snapshot = null;
        return result;
      },
      { success: () => text('announce.callClosed') },
    );
  }

  /** Brings someone in: consult first (warm), hand over and leave (cold), or just add them. */
  dial(action: DialAction, target: DialTarget): Promise<Result<ActionOutcome> | null> {
    const input = { to: target.to, role: target.role, ...(target.label === '' ? {} : { label: target.label }) };
    const send = {
      warm_transfer: () => this.#api.call.warmTransfer(input),
      cold_transfer: () => this.#api.call.coldTransfer(input),
      add_participant: () => this.#api.call.addParticipant(input),
    }[action];
    const say = { warm_transfer: warmStarted, cold_transfer: coldStarted, add_participant: added }[action];
    return this.#activity.run(action, () => this.#accept(send), {
      success: (outcome) => say(outcome.session),
      detail: requestId,
      fields: DIAL_FIELDS,
    });
  }

  /** Ends the warm transfer under way in one of its three ways. */
  finishTransfer(action: TransferEndAction): Promise<Result<ActionOutcome> | null> {
    const before = this.#snapshot;
    const send = {
      complete_transfer: () => this.#api.call.completeTransfer(),
      cancel_transfer: () => this.#api.call.cancelTransfer(),
      merge_transfer: () => this.#api.call.mergeTransfer(),
    }[action];
    const how = ({ complete_transfer: 'complete', cancel_transfer: 'cancel', merge_transfer: 'merge' } as const)[action];
    return this.#activity.run(action, () => this.#accept(send), {
      success: () => transferEnded(how, before),
      detail: requestId,
    });
  }

  /** Holds, resumes or hangs up one member. */
  member(action: RowAction, person: Participant): Promise<Result<ActionOutcome> | null> {
    const input = { participantId: person.id };
    const send = {
      hold: () => this.#api.call.hold(input),
      unhold: () => this.#api.call.unhold(input),
      hangup: () => this.#api.call.hangup(input),
    }[action];
    return this.#activity.run(memberKey(action, person), () => this.#accept(send), {
      success: () => memberChanged(action, person),
      detail: requestId,
    });
  }

  /**
   * Says whether the unconfirmed action happened, as the agent heard it on the softphone. Nothing
   * is sent to Plivo: the core only applies (or drops) the state the action leads to.
   */
  confirmOutcome(happened: boolean): Promise<Result<SessionSnapshot> | null> {
    const action = this.unconfirmed?.action;
    if (action === undefined) return Promise.resolve(null);
    return this.#activity.run(
      confirmKey(happened),
      () => this.#accept(() => this.#api.call.confirmOutcome({ happened })),
      { success: () => confirmed(action, happened) },
    );
  }

  /**
   * Sends a request and keeps the snapshot it answers with, unless an event came meanwhile: the
   * core publishes every change as an event too, and in the preview a result can arrive after a
   * newer event, which it must not overwrite. The result is the fallback when no event comes.
   */
  async #accept<T extends SessionSnapshot | ActionOutcome | null>(send: () => Promise<Result<T>>): Promise<Result<T>> {
    const seen = this.#events;
    const result = await send();
    if (result.ok && seen === this.#events) this.#snapshot = result.value !== null && 'apiId' in result.value ? result.value.session : result.value;
    return result;
  }
}

/** The activity key of a row action, so only that row's button shows progress. */
export function memberKey(action: RowAction, person: Participant): string {
  return `${action}:${person.id}`;
}

/** The activity key of each answer to "Did it go through?", so only the pressed one shows progress. */
export function confirmKey(happened: boolean): string {
  return `call:confirm-outcome:${String(happened)}`;
}

/** Plivo's request id of an accepted action, kept under Details for Plivo support. */
function requestId(outcome: ActionOutcome): FailureDetail {
  return { apiId: outcome.apiId };
}

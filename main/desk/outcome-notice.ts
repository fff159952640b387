/**
 * Which call changes become an OS notification: an action's outcome that arrives while the agent
 * is in another window (the softphone, the CRM), if they have not turned notifications off. Only
 * outcomes, never the agent's own clicks or a call opened, so the notifications stay worth reading.
 */
import type { SessionAction, SessionSnapshot } from '../contract/domain';
import { text, type MessageId, type Text } from '../contract/text';

/** A notification's words, which the shell says in the agent's language. */
export interface OutcomeNotice {
  title: Text;
  body: Text;
}

const DONE: Record<SessionAction, MessageId> = {
  warm_transfer: 'notification.done.warmTransfer',
  cold_transfer: 'notification.done.coldTransfer',
  add_participant: 'notification.done.addParticipant',
  complete_transfer: 'notification.done.completeTransfer',
  cancel_transfer: 'notification.done.cancelTransfer',
  merge_transfer: 'notification.done.mergeTransfer',
  hold: 'notification.done.hold',
  unhold: 'notification.done.unhold',
  hangup: 'notification.done.hangup',
  voicemail_drop: 'notification.done.voicemailDrop',
};

/** The notification for a change from `before` to `after`, or null when there is none to give. */
export function outcomeNotice(
  before: SessionSnapshot | null,
  after: SessionSnapshot | null,
  options: { focused: boolean; enabled: boolean },
): OutcomeNotice | null {
  if (!options.enabled || options.focused) return null;
  const action = before?.pending ?? null;
  // An outcome is the end of an action in flight on the same call.
  if (action === null || after === null || after.id !== before?.id || after.pending !== null) return null;
  if (after.unconfirmed !== null) {
    return { title: text('notification.unconfirmed.title'), body: text('notification.unconfirmed.body') };
  }
  // Refused or provably not sent: the call is just as it was before the action.
  const unchanged = JSON.stringify([after.participants, after.transfer]) === JSON.stringify([before.participants, before.transfer]);
  if (unchanged) return { title: text('notification.unchanged.title'), body: text('notification.unchanged.body') };
  return { title: text('notification.title'), body: text(DONE[action]) };
}

/** The notification for a tray action the core refused: it changes no call, so no outcome would tell the agent. */
export function refusalNotice(message: Text): OutcomeNotice {
  return { title: text('notification.refused.title'), body: message };
}

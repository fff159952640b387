/**
 * Which call changes become an OS notification: an action's outcome that arrives while the agent
 * is in another window (the softphone, the CRM), if they have not turned notifications off. Only
 * outcomes, never the agent's own clicks or a call opened, so the notifications stay worth reading.
 */
import type { SessionAction, SessionSnapshot } from '../contract/domain';

/** A notification's words. */
export interface OutcomeNotice {
  title: string;
  body: string;
}

const DONE: Record<SessionAction, string> = {
  warm_transfer: 'Warm transfer started: the colleague is being called while the others hold.',
  cold_transfer: 'Cold transfer started: the colleague is being called and you have left the call.',
  add_participant: 'Added to the call.',
  complete_transfer: 'Transfer completed.',
  cancel_transfer: 'Transfer cancelled: you are back with the caller.',
  merge_transfer: 'Calls merged: everyone talks together.',
  hold: 'Put on hold.',
  unhold: 'Taken off hold.',
  hangup: 'Hung up.',
  voicemail_drop: 'Voicemail left.',
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
    return { title: 'Did it go through?', body: 'Plivo\'s answer was lost. Check your softphone, then say in Handoff whether it happened.' };
  }
  // Refused or provably not sent: the call is just as it was before the action.
  const unchanged = JSON.stringify([after.participants, after.transfer]) === JSON.stringify([before.participants, before.transfer]);
  if (unchanged) return { title: 'It did not go through', body: 'Nothing changed on the call. Open Handoff to see why.' };
  return { title: 'Handoff', body: DONE[action] };
}

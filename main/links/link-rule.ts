/**
 * What a checked link may do to the call, decided before anything happens. A link comes from
 * outside the agent's hands, so it opens a call by itself only when nothing is open and it came
 * alone; it never replaces a call without asking, and never touches one while an action or a
 * transfer is under way (refused, not queued: a link that fired minutes ago and then opened a call
 * by itself when the transfer ended would surprise the agent at the worst moment; refused, it names
 * itself and the agent clicks it again when ready). A transfer link only fills in the field.
 */
import type { ScreenPop, SessionSnapshot } from '../contract/domain';
import { closeRisk, whyNoDial } from '../session/transitions';

/** What to do with a link: open its call now, ask the agent, fill the transfer field, or refuse. */
export type LinkDecision = { kind: 'open' } | { kind: 'ask' | 'fill' | 'refused'; message: string };

/** A link with how the window names its person, e.g. "Ada Lovelace ((415) 555-0100)". */
export interface ShownLink {
  link: ScreenPop;
  shown: string;
}

/** The sentence about the other links of a burst, or nothing when the link came alone. */
export function ignoredWords(ignored: number): string {
  if (ignored <= 0) return '';
  return ` ${ignored} other link${ignored === 1 ? '' : 's'} that arrived at the same moment ${ignored === 1 ? 'was' : 'were'} ignored.`;
}

/** Decides by the call's state; `ignored` counts the other links of its burst. */
export function decideLink({ link, shown }: ShownLink, session: SessionSnapshot | null, ignored: number): LinkDecision {
  const burst = ignoredWords(ignored);
  const busy = session === null ? null : whyBusy(session);
  if (link.kind === 'transfer') {
    if (session === null) return { kind: 'refused', message: `Handoff did not fill in the transfer to ${shown}: no call is open.${burst}` };
    const blocked = busy ?? whyNoDial(session);
    if (blocked !== null) return { kind: 'refused', message: `Handoff did not fill in the transfer to ${shown}: ${blocked}${burst}` };
    return { kind: 'fill', message: `Transfer to ${shown} is filled in from a link: choose how to transfer (nothing is dialled yet).${burst}` };
  }
  if (session === null) {
    // A burst's survivor is not obviously what the agent meant: it is offered, never opened alone.
    return ignored > 0 ? { kind: 'ask', message: `Open the call with ${shown}?${burst}` } : { kind: 'open' };
  }
  const customer = session.participants.find((p) => p.kind === 'customer');
  if (customer?.address === link.to) return { kind: 'refused', message: `The call with ${shown} is already open.${burst}` };
  if (busy !== null) return { kind: 'refused', message: `Handoff did not open the call with ${shown}: ${busy} Open the link again when you are done.${burst}` };
  const current = customer === undefined ? 'the open call' : (customer.label ?? customer.displayAddress);
  return {
    kind: 'ask',
    message: `Open the new call? It replaces the call with ${current} by the call with ${shown} in Handoff (your softphone call is not affected).${burst}`,
  };
}

/** Why the open call must not be replaced or changed by a link now, or null. */
function whyBusy(session: SessionSnapshot): string | null {
  if (session.pending !== null) return 'an action is under way.';
  const risk = closeRisk(session);
  if (risk === null) return null;
  if (risk.consulting !== null) return 'a warm transfer is under way.';
  if (risk.unconfirmed) return 'the last action is not confirmed yet.';
  return 'someone on the call is on hold.';
}

/**
 * What a checked link may do to the call, decided before anything happens. A link comes from
 * outside the agent's hands, so it opens a call by itself only when nothing is open and it came
 * alone; it never replaces a call without asking, and never touches one while an action or a
 * transfer is under way (refused, not queued: a link that fired minutes ago and then opened a call
 * by itself when the transfer ended would surprise the agent at the worst moment; refused, it names
 * itself and the agent clicks it again when ready). A transfer link only fills in the field.
 */
import type { ScreenPop, SessionSnapshot } from '../contract/domain';
import { text, type Text, type TextParam } from '../contract/text';
import { closeRisk, whyNoDial } from '../session/transitions';

/** What to do with a link: open its call now, ask the agent, fill the transfer field, or refuse. */
export type LinkDecision = { kind: 'open' } | { kind: 'ask' | 'fill' | 'refused'; message: Text };

/** A link with how the window names its person, e.g. "Ada Lovelace ((415) 555-0100)". */
export interface ShownLink {
  link: ScreenPop;
  shown: TextParam;
}

/** How a link's person is named: the name with the number, or the number alone. */
export function shownTarget(link: ScreenPop): TextParam {
  return link.name === null ? link.displayTo : text('link.target.named', { name: link.name, address: link.displayTo });
}

/** A notice with the sentence about the other links of its burst, or the notice alone when the link came alone. */
export function withIgnored(message: Text, ignored: number): Text {
  return ignored <= 0 ? message : text('link.withIgnored', { notice: message, ignored });
}

/** Decides by the call's state; `ignored` counts the other links of its burst. */
export function decideLink({ link, shown: target }: ShownLink, session: SessionSnapshot | null, ignored: number): LinkDecision {
  const decided = (kind: 'ask' | 'fill' | 'refused', message: Text): LinkDecision => ({ kind, message: withIgnored(message, ignored) });
  const busy = session === null ? null : whyBusy(session);
  if (link.kind === 'transfer') {
    if (session === null) return decided('refused', text('link.fill.noCall', { target }));
    if (busy !== null) return decided('refused', text('link.fill.busy', { target, busy }));
    const blocked = whyNoDial(session);
    if (blocked !== null) return decided('refused', text('link.fill.blocked', { target, reason: blocked }));
    return decided('fill', text('link.fill.done', { target }));
  }
  if (session === null) {
    // A burst's survivor is not obviously what the agent meant: it is offered, never opened alone.
    return ignored > 0 ? decided('ask', text('link.ask.open', { target })) : { kind: 'open' };
  }
  const customer = session.participants.find((p) => p.kind === 'customer');
  if (customer?.address === link.to) return decided('refused', text('link.alreadyOpen', { target }));
  if (busy !== null) return decided('refused', text('link.open.busy', { target, busy }));
  if (customer === undefined) return decided('ask', text('link.ask.replaceOpen', { target }));
  return decided('ask', text('link.ask.replace', { current: customer.label ?? customer.displayAddress, target }));
}

/** Why the open call must not be replaced or changed by a link now (the messages' `busy` choice), or null. */
function whyBusy(session: SessionSnapshot): 'action' | 'transfer' | 'unconfirmed' | 'held' | null {
  if (session.pending !== null) return 'action';
  const risk = closeRisk(session);
  if (risk === null) return null;
  if (risk.consulting !== null) return 'transfer';
  if (risk.unconfirmed) return 'unconfirmed';
  return 'held';
}

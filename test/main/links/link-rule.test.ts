import { describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../../main/contract/domain';
import { text } from '../../../main/contract/text';
import { decideLink, shownTarget, type LinkDecision, type ShownLink } from '../../../main/links/link-rule';
import { call, person, warmTransfer } from '../../support/call-snapshots';
import { english } from '../../support/english';

const pop = (kind: ScreenPop['kind'], to = '+14155550100'): ShownLink => {
  const link: ScreenPop = { kind, to, displayTo: '(415) 555-0100', name: 'Ada Lovelace' };
  return { link, shown: shownTarget(link) };
};

/** What the agent reads for a decision, or null when it opens the call without a word. */
const said = (decision: LinkDecision) => (decision.kind === 'open' ? null : english(decision.message));

describe('decideLink: the replace-the-call rule', () => {
  it('opens a call link by itself only when no call is open and it came alone', () => {
    expect(decideLink(pop('call'), null, 0)).toEqual({ kind: 'open' });
  });

  it('asks before opening what a burst left over, saying how many links were ignored', () => {
    const decision = decideLink(pop('call'), null, 99);
    expect(decision.kind).toBe('ask');
    expect(said(decision)).toBe('Open the call with Ada Lovelace ((415) 555-0100)? 99 other links that arrived at the same moment were ignored.');
    expect(said(decideLink(pop('call'), null, 1))).toBe('Open the call with Ada Lovelace ((415) 555-0100)? 1 other link that arrived at the same moment was ignored.');
  });

  it('asks before replacing an open call, naming both customers', () => {
    const decision = decideLink(pop('call'), call(), 0);
    expect(decision.kind).toBe('ask');
    expect(said(decision)).toMatch(/^Open the new call\? .*Grace Hopper.*Ada Lovelace/);
  });

  it.each([
    ['an action is under way', call({ pending: 'hold' }), /an action is under way/],
    ['a warm transfer is under way', warmTransfer(), /warm transfer is under way/],
    ['the last action is unconfirmed', call({ unconfirmed: { action: 'hold', failure: { code: 'timeout', message: text('link.notWaiting') } } }), /not confirmed/],
    [
      'someone is on hold',
      call({ participants: [person('me', 'self', '+14152223333', 'You'), person('c', 'customer', '+14152224444', null, 'on_hold')] }),
      /on hold/,
    ],
  ])('refuses a call link while %s, naming the link', (_what, session, why) => {
    const decision = decideLink(pop('call'), session, 0);
    expect(decision.kind).toBe('refused');
    expect(said(decision)).toMatch(why);
    expect(said(decision)).toContain('Ada Lovelace ((415) 555-0100)');
  });

  it('refuses a link for the call already open', () => {
    const decision = decideLink(pop('call', '+14152224444'), call(), 0);
    expect(decision.kind).toBe('refused');
    expect(said(decision)).toMatch(/already open/);
  });

  it('fills a transfer link into the open call, never dials; refuses it without a call or during a transfer', () => {
    const filled = decideLink(pop('transfer'), call(), 0);
    expect(filled.kind).toBe('fill');
    expect(said(filled)).toMatch(/nothing is dialled/);
    const noCall = decideLink(pop('transfer'), null, 0);
    expect(noCall.kind).toBe('refused');
    expect(said(noCall)).toMatch(/no call is open/);
    const busy = decideLink(pop('transfer'), call({ pending: 'warm_transfer' }), 0);
    expect(busy.kind).toBe('refused');
    expect(said(busy)).toBe('Handoff did not fill in the transfer to Ada Lovelace ((415) 555-0100): an action is under way.');
    expect(said(decideLink(pop('transfer'), warmTransfer(), 0))).toMatch(/: a warm transfer is under way\.$/);
  });
});

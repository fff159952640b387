import { describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../../main/contract/domain';
import { decideLink } from '../../../main/links/link-rule';
import { call, person, warmTransfer } from '../../support/call-snapshots';

const pop = (kind: ScreenPop['kind'], to = '+14155550100'): { link: ScreenPop; shown: string } => ({
  link: { kind, to, displayTo: to, name: 'Ada Lovelace' },
  shown: 'Ada Lovelace ((415) 555-0100)',
});

describe('decideLink: the replace-the-call rule', () => {
  it('opens a call link by itself only when no call is open and it came alone', () => {
    expect(decideLink(pop('call'), null, 0)).toEqual({ kind: 'open' });
  });

  it('asks before opening what a burst left over, saying how many links were ignored', () => {
    expect(decideLink(pop('call'), null, 99)).toEqual({
      kind: 'ask',
      message: 'Open the call with Ada Lovelace ((415) 555-0100)? 99 other links that arrived at the same moment were ignored.',
    });
  });

  it('asks before replacing an open call, naming both customers', () => {
    const decision = decideLink(pop('call'), call(), 0);
    expect(decision.kind).toBe('ask');
    expect(decision).toMatchObject({ message: expect.stringMatching(/^Open the new call\? .*Grace Hopper.*Ada Lovelace/) as unknown });
  });

  it.each([
    ['an action is under way', call({ pending: 'hold' }), /an action is under way/],
    ['a warm transfer is under way', warmTransfer(), /warm transfer is under way/],
    ['the last action is unconfirmed', call({ unconfirmed: { action: 'hold', failure: { code: 'timeout', message: 'lost' } } }), /not confirmed/],
    [
      'someone is on hold',
      call({ participants: [person('me', 'self', '+14152223333', 'You'), person('c', 'customer', '+14152224444', null, 'on_hold')] }),
      /on hold/,
    ],
  ])('refuses a call link while %s, naming the link', (_what, session, why) => {
    const decision = decideLink(pop('call'), session, 0);
    expect(decision.kind).toBe('refused');
    expect(decision).toMatchObject({ message: expect.stringMatching(why) as unknown });
    expect(decision).toMatchObject({ message: expect.stringContaining('Ada Lovelace') as unknown });
  });

  it('refuses a link for the call already open', () => {
    expect(decideLink(pop('call', '+14152224444'), call(), 0)).toMatchObject({ kind: 'refused', message: expect.stringMatching(/already open/) as unknown });
  });

  it('fills a transfer link into the open call, never dials; refuses it without a call or during a transfer', () => {
    expect(decideLink(pop('transfer'), call(), 0)).toMatchObject({ kind: 'fill', message: expect.stringMatching(/nothing is dialled/) as unknown });
    expect(decideLink(pop('transfer'), null, 0)).toMatchObject({ kind: 'refused', message: expect.stringMatching(/no call is open/) as unknown });
    expect(decideLink(pop('transfer'), call({ pending: 'warm_transfer' }), 0)).toMatchObject({ kind: 'refused' });
  });
});

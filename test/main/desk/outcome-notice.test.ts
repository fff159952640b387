import { describe, expect, it } from 'vitest';
import { text } from '../../../main/contract/text';
import { outcomeNotice, refusalNotice, type OutcomeNotice } from '../../../main/desk/outcome-notice';
import { call, warmTransfer } from '../../support/call-snapshots';
import { english } from '../../support/english';

/** A notification as the agent reads it in English. */
const said = (notice: OutcomeNotice | null) => (notice === null ? null : { title: english(notice.title), body: english(notice.body) });

const away = { focused: false, enabled: true };
const pending = call({ pending: 'warm_transfer' });

describe('outcome notifications', () => {
  it('tells an accepted action\'s outcome while the window is not focused', () => {
    expect(said(outcomeNotice(pending, warmTransfer(), away))).toEqual({
      title: 'Handoff',
      body: 'Warm transfer started: the colleague is being called while the others hold.',
    });
  });

  it('asks "Did it go through?" when the answer was lost', () => {
    const lost = call({ unconfirmed: { action: 'warm_transfer', failure: { code: 'timeout', message: text('notification.unconfirmed.body') } } });
    expect(said(outcomeNotice(pending, lost, away))).toMatchObject({ title: 'Did it go through?' });
  });

  it('says a refused action changed nothing', () => {
    expect(said(outcomeNotice(pending, call(), away))).toMatchObject({ title: 'It did not go through' });
  });

  it('says a refused tray action with the core\'s own reason', () => {
    const reason = text('link.notWaiting');
    expect(refusalNotice(reason)).toEqual({ title: text('notification.refused.title'), body: reason });
    expect(english(refusalNotice(reason).title)).toBe('Handoff did not do that');
  });

  it('stays quiet while the window is focused, when turned off, and for anything but an outcome', () => {
    expect(outcomeNotice(pending, warmTransfer(), { focused: true, enabled: true })).toBeNull();
    expect(outcomeNotice(pending, warmTransfer(), { focused: false, enabled: false })).toBeNull();
    // The agent's click (pending starts), a call opened or closed, another call.
    expect(outcomeNotice(call(), pending, away)).toBeNull();
    expect(outcomeNotice(null, call(), away)).toBeNull();
    expect(outcomeNotice(pending, null, away)).toBeNull();
    expect(outcomeNotice(pending, { ...warmTransfer(), id: 'other' }, away)).toBeNull();
  });
});

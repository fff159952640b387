import { describe, expect, it } from 'vitest';
import { outcomeNotice } from '../../../main/desk/outcome-notice';
import { call, warmTransfer } from '../../support/call-snapshots';

const away = { focused: false, enabled: true };
const pending = call({ pending: 'warm_transfer' });

describe('outcome notifications', () => {
  it('tells an accepted action\'s outcome while the window is not focused', () => {
    expect(outcomeNotice(pending, warmTransfer(), away)).toEqual({
      title: 'Handoff',
      body: 'Warm transfer started: the colleague is being called while the others hold.',
    });
  });

  it('asks "Did it go through?" when the answer was lost', () => {
    const lost = call({ unconfirmed: { action: 'warm_transfer', failure: { code: 'timeout', message: 'lost' } } });
    expect(outcomeNotice(pending, lost, away)).toMatchObject({ title: 'Did it go through?' });
  });

  it('says a refused action changed nothing', () => {
    expect(outcomeNotice(pending, call(), away)).toMatchObject({ title: 'It did not go through' });
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

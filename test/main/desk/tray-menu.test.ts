import { describe, expect, it } from 'vitest';
import { text } from '../../../main/contract/text';
import { HIDDEN_TO_TRAY, hidesOnClose, trayMenu, trayTooltip, type TrayItem } from '../../../main/desk/tray-menu';
import { call, person, warmTransfer } from '../../support/call-snapshots';
import { english } from '../../support/english';

/** The menu as the agent reads it in English: a label per item (with "(disabled)"), "---" per separator. */
function lines(items: TrayItem[]): string[] {
  return items.map((i) => (i.type === 'separator' ? '---' : `${english(i.label)}${i.enabled ? '' : ' (disabled)'}`));
}

const LOST = { code: 'timeout', message: text('notification.unconfirmed.body') } as const;

describe('the tray menu per call state', () => {
  it('no call: show and quit only', () => {
    expect(lines(trayMenu(null))).toEqual(['Show Handoff', '---', 'Quit Handoff']);
  });

  it('a call: hold for the customer, with the request the core takes', () => {
    const menu = trayMenu(call());
    expect(lines(menu)).toEqual(['Show Handoff', '---', 'Hold Grace Hopper', '---', 'Quit Handoff']);
    expect(menu[2]).toMatchObject({ command: { kind: 'request', channel: 'call:hold', payload: { participantId: 'c' } } });
  });

  it('the customer on hold: resume them', () => {
    const held = call({ participants: [person('me', 'self', '+14152223333', 'You'), person('c', 'customer', '+14152224444', null, 'on_hold')] });
    expect(lines(trayMenu(held))).toEqual(['Show Handoff', '---', 'Resume +14152224444', '---', 'Quit Handoff']);
  });

  it('a warm transfer: complete, cancel, merge, and no holds (the core refuses them then)', () => {
    const menu = trayMenu(warmTransfer());
    expect(lines(menu)).toEqual(['Show Handoff', '---', 'Complete transfer', 'Cancel transfer', 'Merge calls', '---', 'Quit Handoff']);
    expect(menu.map((i) => (i.type === 'item' && i.command?.kind === 'request' ? i.command.channel : null))).toEqual([
      null,
      null,
      'call:complete-transfer',
      'call:cancel-transfer',
      'call:merge-transfer',
      null,
      null,
    ]);
  });

  it('an action in flight or unconfirmed: nothing to click but show and quit', () => {
    expect(lines(trayMenu(call({ pending: 'hold' })))).toEqual(['Show Handoff', '---', 'Waiting for Plivo: the hold… (disabled)', '---', 'Quit Handoff']);
    expect(lines(trayMenu(call({ unconfirmed: { action: 'warm_transfer', failure: LOST } })))).toEqual([
      'Show Handoff',
      '---',
      'Say in Handoff whether the warm transfer went through (disabled)',
      '---',
      'Quit Handoff',
    ]);
  });

  it('the agent has left: no call actions', () => {
    const left = call({ participants: [person('me', 'self', '+14152223333', 'You', 'left'), person('c', 'customer', '+14152224444', 'Grace Hopper')] });
    expect(lines(trayMenu(left))).toEqual(['Show Handoff', '---', 'Quit Handoff']);
  });
});

describe('the tray tooltip', () => {
  it.each([
    ['no call', null, 'Handoff: no call open'],
    ['a call', call(), 'Handoff: on a call with Grace Hopper'],
    ['a warm transfer', warmTransfer(), 'Handoff: warm transfer, consulting Alan Turing'],
    ['an action in flight', call({ pending: 'hold' }), 'Handoff: waiting for Plivo (the hold)'],
    ['an unconfirmed action', call({ unconfirmed: { action: 'hangup', failure: LOST } }), 'Handoff: did the hang-up go through? Say in Handoff'],
    [
      'someone on hold',
      call({ participants: [person('me', 'self', '+1', 'You'), person('c', 'customer', '+2', 'Grace Hopper', 'on_hold'), person('d', 'colleague', '+3', 'Ada Lovelace')] }),
      'Handoff: on a call with Grace Hopper and Ada Lovelace (on hold: Grace Hopper)',
    ],
  ])('%s', (_state, session, tooltip) => {
    expect(trayTooltip(session, english)).toBe(tooltip);
  });

  it('stays within the 127 characters Windows shows', () => {
    const many = call({ participants: [person('me', 'self', '+1', 'You'), ...Array.from({ length: 20 }, (_, i) => person(`p${i}`, 'colleague', `+1${i}`, 'A long colleague name'))] });
    expect(trayTooltip(many, english).length).toBeLessThanOrEqual(127);
    // Cut after it is said: the limit is on what the agent's language made of it.
    expect(trayTooltip(many, () => 'x'.repeat(300))).toHaveLength(127);
  });
});

describe('closing the window', () => {
  it('hides to the tray while a call is open, and quits otherwise', () => {
    expect(hidesOnClose(call())).toBe(true);
    expect(hidesOnClose(null)).toBe(false);
    expect(english(HIDDEN_TO_TRAY)).toMatch(/^Handoff is still running in the tray/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Participant, ParticipantState, SessionSnapshot } from '../../../main/contract/domain';
import { text } from '../../../main/contract/text';
import { closeRisk, memberActions, plan, whyNoDial, type NewParticipant } from '../../../main/session/transitions';
import { english } from '../../support/english';

const SELF = 'p-self';
const OPENED = '2026-11-24T10:00:00.000Z';
const CUSTOMER = 'p-customer';
const COLLEAGUE = 'p-colleague';

function person(id: string, kind: Participant['kind'], address: string, state: ParticipantState): Participant {
  return { id, kind, address, displayAddress: address, role: kind === 'customer' ? 'customer' : 'agent', label: null, state, since: OPENED };
}

/** A call with the agent, the customer and (when given a state) a colleague. */
function call(
  states: { self?: ParticipantState; customer?: ParticipantState; colleague?: ParticipantState } = {},
  transfer: SessionSnapshot['transfer'] = null,
): SessionSnapshot {
  const participants = [
    person(SELF, 'self', '+14152223333', states.self ?? 'connected'),
    person(CUSTOMER, 'customer', '+14152224444', states.customer ?? 'connected'),
  ];
  if (states.colleague !== undefined) participants.push(person(COLLEAGUE, 'colleague', 'sip:sam@pbx.example.com', states.colleague));
  return { id: 's-1', openedAt: '2026-11-24T10:00:00.000Z', participants, transfer, pending: null, unconfirmed: null, restored: false };
}

const NEWCOMER: NewParticipant = { id: 'p-new', address: '+14152226666', displayAddress: '(415) 222-6666', role: 'agent', label: null };

describe('memberActions', () => {
  it.each([
    ['a connected customer', call(), CUSTOMER, ['hold', 'hangup', 'voicemail_drop']],
    ['a customer on hold', call({ customer: 'on_hold' }), CUSTOMER, ['unhold', 'hangup', 'voicemail_drop']],
    ['a colleague still dialling', call({ colleague: 'dialling' }), COLLEAGUE, ['hold', 'hangup', 'voicemail_drop']],
    // Leaving a two-person call would cut the customer off; a three-way call goes on without the agent.
    ['the agent in a two-person call', call(), SELF, []],
    ['the agent in a three-way call', call({ colleague: 'connected' }), SELF, ['hangup']],
    ['a member who left', call({ colleague: 'left' }), COLLEAGUE, []],
    ['anyone during a warm transfer', call({ self: 'consulting', customer: 'on_hold', colleague: 'consulting' }, { targetId: COLLEAGUE }), CUSTOMER, []],
    ['the agent during a warm transfer', call({ self: 'consulting', customer: 'on_hold', colleague: 'consulting' }, { targetId: COLLEAGUE }), SELF, []],
    ['anyone once the agent left', call({ self: 'left', colleague: 'dialling' }), CUSTOMER, []],
    ['someone not on the call', call(), 'p-nobody', []],
  ] as const)('offers %s exactly the actions plan accepts', (_who, session, id, expected) => {
    expect(memberActions(session, id)).toEqual(expected);
    for (const action of ['hold', 'unhold', 'hangup', 'voicemail_drop'] as const) {
      expect(plan(session, { action, participantId: id }).ok, action).toBe(expected.some((a) => a === action));
    }
  });
});

describe('whyNoDial', () => {
  it('is null on a call the agent is on with no transfer, and a dial then plans', () => {
    const session = call({ customer: 'on_hold' });
    expect(whyNoDial(session)).toBeNull();
    for (const action of ['warm_transfer', 'cold_transfer', 'add_participant'] as const) {
      expect(plan(session, { action, target: NEWCOMER }).ok, action).toBe(true);
    }
  });

  it.each([
    ['during a warm transfer', call({ self: 'consulting', customer: 'on_hold', colleague: 'consulting' }, { targetId: COLLEAGUE }), /warm transfer is under way/],
    ['once the agent left', call({ self: 'left', colleague: 'dialling' }), /You have left this call/],
  ] as const)('says why %s, in the very words plan refuses a dial with', (_when, session, reason) => {
    const why = whyNoDial(session);
    expect(why === null ? null : english(why)).toMatch(reason);
    for (const action of ['warm_transfer', 'cold_transfer', 'add_participant'] as const) {
      expect(plan(session, { action, target: NEWCOMER }), action).toEqual({ ok: false, error: { code: 'invalid_state', message: why } });
    }
  });

  it('leaves the duplicate-target rule to plan: the panel stays open for someone else', () => {
    const session = call();
    expect(whyNoDial(session)).toBeNull();
    expect(plan(session, { action: 'warm_transfer', target: { ...NEWCOMER, address: '+14152224444', displayAddress: '(415) 222-4444' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: text('session.alreadyOnCall', { target: '(415) 222-4444' }), detail: { field: 'to' } },
    });
    expect(plan(session, { action: 'cold_transfer', target: { ...NEWCOMER, address: '+14152223333', displayAddress: '(415) 222-3333' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: text('session.ownNumberColleague'), detail: { field: 'to' } },
    });
  });
});

describe('state times', () => {
  const AT = '2026-11-24T10:01:30.000Z';
  const sinceOf = (session: SessionSnapshot) => Object.fromEntries(session.participants.map((p) => [p.id, p.since]));

  it('stamps the states a warm transfer changes, and the colleague dialled, with the time it was sent', () => {
    const planned = plan(call(), { action: 'warm_transfer', target: { ...NEWCOMER, id: COLLEAGUE } });
    if (!planned.ok) throw new Error(english(planned.error.message));
    expect(sinceOf(planned.value.next(call(), AT))).toEqual({ [SELF]: AT, [CUSTOMER]: AT, [COLLEAGUE]: AT });
  });

  it('keeps the time of anyone whose state the action leaves alone', () => {
    const session = call({ colleague: 'connected' });
    const planned = plan(session, { action: 'hold', participantId: CUSTOMER });
    if (!planned.ok) throw new Error(english(planned.error.message));
    expect(sinceOf(planned.value.next(session, AT))).toEqual({ [SELF]: OPENED, [CUSTOMER]: AT, [COLLEAGUE]: OPENED });
  });
});

describe('closeRisk', () => {
  const transfer = call({ self: 'consulting', customer: 'on_hold', colleague: 'consulting' }, { targetId: COLLEAGUE });

  it.each([
    ['a plain two-person call', call()],
    ['a merged three-way call', call({ colleague: 'connected' })],
    ['a call the agent left after a cold transfer', call({ self: 'left', colleague: 'dialling' })],
  ])('is null for %s: closing strands nobody', (_name, snapshot) => {
    expect(closeRisk(snapshot)).toBeNull();
  });

  it('names who is held and who is being consulted during a warm transfer', () => {
    const risk = closeRisk(transfer);
    expect(risk?.held.map((p) => p.id)).toEqual([CUSTOMER]);
    expect(risk?.consulting?.id).toBe(COLLEAGUE);
    expect(risk?.unconfirmed).toBe(false);
  });

  it('counts a held member without a transfer, and an unconfirmed action alone', () => {
    expect(closeRisk(call({ customer: 'on_hold' }))).toMatchObject({ consulting: null, unconfirmed: false });
    const unconfirmed = { ...call(), unconfirmed: { action: 'hangup' as const, failure: { code: 'timeout' as const, message: text('journal.interrupted') } } };
    expect(closeRisk(unconfirmed)).toEqual({ held: [], consulting: null, unconfirmed: true });
  });
});

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ofetch } from 'ofetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participant, SessionSnapshot, Settings } from '../../../main/contract/domain';
import { ok } from '../../../main/contract/result';
import { text } from '../../../main/contract/text';
import { createLogger } from '../../../main/log/logger';
import { createPhloClient } from '../../../main/phlo/phlo-client';
import { createCallSession, type CallSession } from '../../../main/session/call-session';
import { startSimulator, type Simulator } from '../../../main/simulator/server';
import { english } from '../../support/english';
import { fixture } from '../../support/fixtures';
import { freePort } from '../../support/free-port';
import { AGENT, COLLEAGUE, CUSTOMER } from '../../support/numbers';
import { simSession, simSettings } from '../../support/sim-session';


let sim: Simulator;
let settings: Settings;
let session: CallSession;
let changes: (SessionSnapshot | null)[];
let clock: Date;
const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });

beforeEach(async () => {
  sim = await startSimulator();
  settings = simSettings(sim);
  session = simSession(sim, () => settings, () => clock);
  clock = new Date('2026-11-24T10:00:00Z');
  changes = [];
  session.onChange((s) => changes.push(s));
  sim.createCall(AGENT, CUSTOMER);
});
afterEach(() => sim.close());

function states(snapshot: SessionSnapshot | null): Record<string, Participant['state']> {
  return Object.fromEntries((snapshot?.participants ?? []).map((p) => [p.address, p.state]));
}
function simStates(): Record<string, string> {
  const call = sim.calls()[0];
  return Object.fromEntries((call?.members ?? []).map((m) => [m.address, m.state]));
}
function participant(address: string): Participant {
  const found = session.snapshot()?.participants.find((p) => p.address === address);
  if (found === undefined) throw new Error(`${address} is not in the session`);
  return found;
}
function openCall() {
  const opened = session.open({ customer: '(415) 222-4444', label: 'Dana' });
  expect(opened.ok).toBe(true);
}

describe('opening a call', () => {
  it('lists the agent and the customer, connected, with the number normalised and formatted', () => {
    openCall();
    const snapshot = session.snapshot();
    expect(snapshot?.participants.map((p) => [p.kind, p.address, p.displayAddress, p.role, p.label, p.state])).toEqual([
      ['self', AGENT, '(415) 222-3333', 'agent', 'You', 'connected'],
      ['customer', CUSTOMER, '(415) 222-4444', 'customer', 'Dana', 'connected'],
    ]);
    expect(snapshot?.openedAt).toBe('2026-11-24T10:00:00.000Z');
    expect(snapshot?.participants.map((p) => p.since)).toEqual([snapshot?.openedAt, snapshot?.openedAt]);
    expect(changes).toHaveLength(1);
    expect(sim.requests()).toHaveLength(0);
  });

  it('refuses a malformed number, the agent\'s own number, and a second call, changing nothing', () => {
    expect(session.open({ customer: '12' })).toMatchObject({ ok: false, error: { code: 'invalid_address', detail: { field: 'customer' } } });
    expect(session.open({ customer: AGENT })).toMatchObject({ ok: false, error: { code: 'invalid_address' } });
    expect(session.snapshot()).toBeNull();
    openCall();
    expect(session.open({ customer: '+14152226666' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(participant(CUSTOMER).label).toBe('Dana');
  });

  it('names the missing settings', () => {
    settings = { ...settings, phloId: null, agentAddress: null };
    const result = session.open({ customer: CUSTOMER });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_configured' } });
    if (!result.ok) expect(english(result.error.message)).toBe('Set the PHLO ID and your number in Settings first.');
  });
});

describe('warm transfer', () => {
  beforeEach(openCall);

  it('sends the reference request and shows the customer on hold while the agent consults', async () => {
    const result = await session.warmTransfer({ to: '(415) 222-5555', label: 'Sam' });
    expect(result.ok).toBe(true);
    expect(sim.requests()).toHaveLength(1);
    expect(JSON.parse(sim.requests()[0]?.rawBody ?? '')).toStrictEqual(fixture('warm-transfer.request.json'));
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'on_hold', [COLLEAGUE]: 'consulting' });
    expect(simStates()).toEqual(states(session.snapshot()));
    expect(session.snapshot()?.transfer).toEqual({ targetId: participant(COLLEAGUE).id });
    expect(participant(COLLEAGUE).label).toBe('Sam');
    // pending shown, then the result
    expect(changes.slice(1).map((c) => c?.pending)).toEqual(['warm_transfer', null]);
  });

  it('complete: the agent hangs up and the customer is with the colleague', async () => {
    await session.warmTransfer({ to: COLLEAGUE });
    const result = await session.completeTransfer();
    expect(result.ok).toBe(true);
    const last = sim.requests().at(-1);
    expect(last?.path).toBe(`/v1/phlo/${sim.phloId}/multi_party_call/${sim.nodeId}/members/%2B14152223333`);
    expect(JSON.parse(last?.rawBody ?? '')).toStrictEqual({ action: 'hangup' });
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
    expect(simStates()).toEqual(states(session.snapshot()));
    expect(session.snapshot()?.transfer).toBeNull();
  });

  it('cancel: abort_transfer drops the colleague and the agent is back with the customer', async () => {
    await session.warmTransfer({ to: COLLEAGUE });
    await session.cancelTransfer();
    expect(JSON.parse(sim.requests().at(-1)?.rawBody ?? '')).toStrictEqual({ action: 'abort_transfer' });
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected', [COLLEAGUE]: 'left' });
    expect(simStates()).toEqual(states(session.snapshot()));
  });

  it('merge: resume_call makes a three-way call', async () => {
    await session.warmTransfer({ to: COLLEAGUE });
    await session.mergeTransfer();
    expect(JSON.parse(sim.requests().at(-1)?.rawBody ?? '')).toStrictEqual({ action: 'resume_call' });
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
    expect(simStates()).toEqual(states(session.snapshot()));
  });

  it('refuses a second transfer, member actions and a duplicate target while one is under way, sending nothing', async () => {
    await session.warmTransfer({ to: COLLEAGUE });
    const before = session.snapshot();
    for (const attempt of [
      session.warmTransfer({ to: '+14152226666' }),
      session.coldTransfer({ to: '+14152226666' }),
      session.hold(participant(CUSTOMER).id),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    }
    expect(sim.requests()).toHaveLength(1);
    expect(session.snapshot()).toBe(before);
  });
});

describe('one action at a time, never resent', () => {
  beforeEach(openCall);

  it('two actions fired together produce one HTTP request; the second is busy', async () => {
    const [first, second] = await Promise.all([
      session.warmTransfer({ to: COLLEAGUE }),
      session.warmTransfer({ to: COLLEAGUE }),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(sim.requests()).toHaveLength(1);
  });

  it('a different action while one is pending is busy too, and so is ending the call', async () => {
    sim.injectFault({ kind: 'delay', ms: 300 });
    const pending = session.warmTransfer({ to: COLLEAGUE });
    expect(await session.hold(participant(CUSTOMER).id)).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(session.end()).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect((await pending).ok).toBe(true);
    expect(sim.requests()).toHaveLength(1);
  });

  it('a timeout after the simulator read the request is reported, never resent, and left for the agent to confirm', async () => {
    settings = { ...settings, requestTimeoutMs: 1000 };
    sim.injectFault({ kind: 'delay', ms: 3000 });
    const before = session.snapshot();
    const result = await session.warmTransfer({ to: COLLEAGUE });
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    await expect.poll(() => sim.requests()[0]?.applied).toBe(true);
    expect(sim.requests()).toHaveLength(1);
    // The participants are as they were; the call waits for the agent's word.
    expect(session.snapshot()?.participants).toEqual(before?.participants);
    expect(session.snapshot()?.unconfirmed).toMatchObject({ action: 'warm_transfer', failure: { code: 'timeout' } });
  });

  it('while an outcome is unconfirmed, every other action waits and nothing is sent', async () => {
    sim.injectFault({ kind: 'reset', when: 'after_body' });
    await session.warmTransfer({ to: COLLEAGUE });
    for (const attempt of [session.warmTransfer({ to: COLLEAGUE }), session.hold(participant(CUSTOMER).id), session.completeTransfer()]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'invalid_state', message: text('session.confirmFirst') } });
    }
    expect(sim.requests()).toHaveLength(1);
  });

  it('"it went through" applies the action without sending it again, and the transfer can be completed', async () => {
    sim.injectFault({ kind: 'reset', when: 'after_body' });
    await session.warmTransfer({ to: COLLEAGUE, label: 'Sam' });
    const confirmed = session.confirmOutcome(true);
    expect(confirmed.ok && confirmed.value.unconfirmed).toBeNull();
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'on_hold', [COLLEAGUE]: 'consulting' });
    expect(simStates()).toEqual(states(session.snapshot()));
    expect(sim.requests()).toHaveLength(1);
    expect((await session.completeTransfer()).ok).toBe(true);
    expect(simStates()).toEqual(states(session.snapshot()));
  });

  it('"it did not" keeps the call as it was and the agent may try again', async () => {
    sim.injectFault({ kind: 'status', status: 503 });
    const before = session.snapshot();
    expect(await session.warmTransfer({ to: COLLEAGUE })).toMatchObject({ ok: false, error: { code: 'plivo_unavailable' } });
    expect(session.confirmOutcome(false)).toMatchObject({ ok: true, value: { unconfirmed: null, participants: before?.participants } });
    expect(session.confirmOutcome(false)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect((await session.warmTransfer({ to: COLLEAGUE })).ok).toBe(true);
    expect(sim.requests()).toHaveLength(2);
  });

  it('a failure that proves nothing happened asks nothing', async () => {
    sim.injectFault({ kind: 'status', status: 429 });
    expect(await session.warmTransfer({ to: COLLEAGUE })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(session.snapshot()?.unconfirmed).toBeNull();
    sim.injectFault({ kind: 'status', status: 400 });
    expect(await session.warmTransfer({ to: COLLEAGUE })).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(session.snapshot()?.unconfirmed).toBeNull();
    // Nothing listens where the request went: it provably never left.
    const closed = `http://127.0.0.1:${await freePort()}/v1/`;
    const refused = createCallSession({
      settings: { current: () => settings, effectivePhloBaseUrl: () => closed },
      credentials: { use: (fn) => fn({ authId: 'MAHANDOFFSIMULATOR01', authToken: 'x' }) },
      phlo: createPhloClient(ofetch, logger),
      logger,
      now: () => new Date(),
    });
    refused.open({ customer: CUSTOMER });
    expect(await refused.warmTransfer({ to: COLLEAGUE })).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(refused.snapshot()?.unconfirmed).toBeNull();
  });

  it('asks the agent not to leave while someone is on hold or would be left alone', async () => {
    await session.addParticipant({ to: COLLEAGUE });
    const self = participant(AGENT).id;
    // The colleague is still dialling: they may never answer.
    expect(await session.hangup(self)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    await session.hold(participant(COLLEAGUE).id);
    await session.unhold(participant(COLLEAGUE).id);
    await session.hold(participant(CUSTOMER).id);
    expect(await session.hangup(self)).toMatchObject({ ok: false, error: { message: text('session.unholdBeforeLeaving') } });
    await session.unhold(participant(CUSTOMER).id);
    expect((await session.hangup(self)).ok).toBe(true);
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
    expect(simStates()).toEqual(states(session.snapshot()));
  });

  it('a refusal leaves the call as it was and reports Plivo\'s words', async () => {
    sim.injectFault({ kind: 'status', status: 400, body: '{"api_id":"x-1","error":"Invalid value provided for to."}' });
    const before = session.snapshot();
    const result = await session.warmTransfer({ to: COLLEAGUE });
    expect(result).toMatchObject({ ok: false, error: { code: 'rejected', detail: { plivoError: 'Invalid value provided for to.', apiId: 'x-1' } } });
    expect(session.snapshot()).toBe(before);
    expect(session.snapshot()?.pending).toBeNull();
  });
});

describe('failures inside Handoff', () => {
  beforeEach(openCall);

  it('a listener that throws does not leave the call stuck as pending', async () => {
    session.onChange(() => {
      throw new Error('window gone');
    });
    expect((await session.warmTransfer({ to: COLLEAGUE })).ok).toBe(true);
    expect(session.snapshot()?.pending).toBeNull();
    expect((await session.cancelTransfer()).ok).toBe(true);
  });

  it('a crash while sending clears pending and says the action may have happened', async () => {
    const crashing = createCallSession({
      settings: { current: () => settings, effectivePhloBaseUrl: () => sim.baseUrl },
      credentials: { use: () => Promise.reject(new Error('keychain exploded')) },
      phlo: createPhloClient(ofetch, logger),
      logger,
      now: () => new Date(),
    });
    crashing.open({ customer: CUSTOMER });
    const result = await crashing.warmTransfer({ to: COLLEAGUE });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(english(result.error.message)).toMatch(/may have reached Plivo/);
    expect(crashing.snapshot()?.pending).toBeNull();
    // Whether the transfer happened is unknown, so closing needs the agent's explicit word.
    expect(crashing.end()).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(crashing.end({ force: true })).toEqual(ok(null));
  });
});

describe('other actions', () => {
  beforeEach(openCall);

  it('cold transfer: the agent leaves and the colleague is dialled to the customer', async () => {
    const result = await session.coldTransfer({ to: COLLEAGUE, role: 'customer' });
    expect(result.ok).toBe(true);
    expect(JSON.parse(sim.requests()[0]?.rawBody ?? '')).toStrictEqual({
      action: 'cold_transfer',
      to: COLLEAGUE,
      role: 'customer',
      trigger_source: AGENT,
    });
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'dialling' });
    expect(await session.hold(participant(CUSTOMER).id)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('add, hold, unhold, hang up a member, each with its PHLO action', async () => {
    await session.addParticipant({ to: 'sip:sam@phone.plivo.com', label: 'Sam' });
    expect(JSON.parse(sim.requests()[0]?.rawBody ?? '')).toMatchObject({ action: 'call', to: 'sip:sam@phone.plivo.com', role: 'agent' });
    const sam = participant('sip:sam@phone.plivo.com');
    expect(sam.state).toBe('dialling');
    await session.hold(sam.id);
    expect(participant(sam.address).state).toBe('on_hold');
    await session.unhold(sam.id);
    expect(participant(sam.address).state).toBe('connected');
    await session.hangup(sam.id);
    expect(participant(sam.address).state).toBe('left');
    expect(sim.requests().map((r) => (JSON.parse(r.rawBody ?? '{}') as { action: string }).action)).toEqual([
      'call',
      'hold',
      'unhold',
      'hangup',
    ]);
    expect(simStates()).toEqual(states(session.snapshot()));
  });

  it('acts as the agent the call was opened with, even if "Your number" changes mid-call', async () => {
    settings = { ...settings, agentAddress: '+14152229999' };
    expect((await session.warmTransfer({ to: COLLEAGUE })).ok).toBe(true);
    expect(JSON.parse(sim.requests()[0]?.rawBody ?? '')).toMatchObject({ trigger_source: AGENT });
  });

  it('will not hang the agent up in a two-person call, which would cut the customer off', async () => {
    expect(await session.hangup(participant(AGENT).id)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(sim.requests()).toHaveLength(0);
  });

  it('hanging up the customer ends a two-person call, as it ends in Plivo', async () => {
    expect((await session.hangup(participant(CUSTOMER).id)).ok).toBe(true);
    expect(states(session.snapshot())).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'left' });
    expect(sim.calls()).toEqual([]);
    expect(await session.addParticipant({ to: COLLEAGUE })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('voicemail drop leaves the message and drops that member', async () => {
    await session.addParticipant({ to: COLLEAGUE });
    expect(await session.voicemailDrop(participant(COLLEAGUE).id)).toMatchObject({ ok: true });
    expect(participant(COLLEAGUE).state).toBe('left');
    expect(JSON.parse(sim.requests().at(-1)?.rawBody ?? '')).toStrictEqual({ action: 'voicemail_drop' });
  });

  it('refuses what makes no sense, before any request', async () => {
    const customer = participant(CUSTOMER).id;
    const self = participant(AGENT).id;
    const refusals = [
      [await session.completeTransfer(), 'invalid_state'],
      [await session.cancelTransfer(), 'invalid_state'],
      [await session.unhold(customer), 'invalid_state'],
      [await session.hold(self), 'invalid_state'],
      [await session.hold('no-such-id'), 'invalid_input'],
      [await session.warmTransfer({ to: CUSTOMER }), 'invalid_state'],
      [await session.warmTransfer({ to: 'call me' }), 'invalid_address'],
    ] as const;
    for (const [result, code] of refusals) expect(result).toMatchObject({ ok: false, error: { code } });
    expect(sim.requests()).toHaveLength(0);
  });
});

describe('state times', () => {
  beforeEach(openCall);

  it('a held customer counts from the hold, and the agent\'s own time is left alone', async () => {
    clock = new Date('2026-11-24T10:02:00Z');
    await session.hold(participant(CUSTOMER).id);
    expect(participant(CUSTOMER).since).toBe('2026-11-24T10:02:00.000Z');
    expect(participant(AGENT).since).toBe('2026-11-24T10:00:00.000Z');
  });

  it('"it went through" stamps the states with when the action was sent, not when the agent answered', async () => {
    sim.injectFault({ kind: 'status', status: 503 });
    clock = new Date('2026-11-24T10:01:00Z');
    await session.warmTransfer({ to: COLLEAGUE });
    clock = new Date('2026-11-24T10:03:00Z');
    session.confirmOutcome(true);
    expect(participant(CUSTOMER)).toMatchObject({ state: 'on_hold', since: '2026-11-24T10:01:00.000Z' });
    expect(participant(COLLEAGUE).since).toBe('2026-11-24T10:01:00.000Z');
  });
});

describe('closing a call that would leave someone behind', () => {
  beforeEach(openCall);

  it('during a warm transfer, a close without force is refused, names the held customer, and changes nothing', async () => {
    await session.warmTransfer({ to: COLLEAGUE, label: 'Sam' });
    const before = session.snapshot();
    const published = changes.length;
    const refused = session.end();
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    if (!refused.ok) {
      expect(english(refused.error.message)).toBe(
        'Dana is on hold. The transfer to Sam is not finished. Closing in Handoff takes nobody off hold and ends no call: confirm to close anyway.',
      );
    }
    expect(session.snapshot()).toBe(before);
    expect(changes).toHaveLength(published);
    expect(sim.requests()).toHaveLength(1);
    expect(session.end({ force: false })).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(session.end({ force: true })).toEqual(ok(null));
    expect(session.snapshot()).toBeNull();
    // Closing in Handoff sends nothing: the customer is still held in Plivo, as the question said.
    expect(sim.requests()).toHaveLength(1);
    expect(simStates()[CUSTOMER]).toBe('on_hold');
  });

  it('names everyone on hold as one list, in one sentence', async () => {
    await session.addParticipant({ to: COLLEAGUE, label: 'Sam' });
    await session.hold(participant(CUSTOMER).id);
    await session.hold(participant(COLLEAGUE).id);
    const refused = session.end();
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    if (!refused.ok) expect(english(refused.error.message)).toMatch(/^Dana and Sam are on hold\. Closing in Handoff/);
  });

  it('with someone on hold and no transfer, it asks too; once they are resumed it closes without asking', async () => {
    await session.hold(participant(CUSTOMER).id);
    const refused = session.end();
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    if (!refused.ok) expect(english(refused.error.message)).toMatch(/^Dana is on hold\. Closing in Handoff/);
    await session.unhold(participant(CUSTOMER).id);
    expect(session.end()).toEqual(ok(null));
  });

  it('after a completed transfer nobody is left behind, so it closes without asking', async () => {
    await session.warmTransfer({ to: COLLEAGUE });
    await session.completeTransfer();
    expect(session.end()).toEqual(ok(null));
  });
});

describe('without an open call', () => {
  it('every action says to open a call first, and nothing is sent', async () => {
    expect(await session.warmTransfer({ to: COLLEAGUE })).toMatchObject({ ok: false, error: { code: 'no_call' } });
    expect(await session.hangup('x')).toMatchObject({ ok: false, error: { code: 'no_call' } });
    expect(session.end()).toMatchObject({ ok: false, error: { code: 'no_call' } });
    expect(sim.requests()).toHaveLength(0);
  });

  it('ending an open call forgets it', () => {
    openCall();
    expect(session.end()).toEqual(ok(null));
    expect(session.snapshot()).toBeNull();
    expect(changes.at(-1)).toBeNull();
  });
});

/**
 * Every fault the simulator can inject, against every call action from a state where it is valid:
 * the outcome has the right code, the request reached the simulator exactly once and was never
 * resent, and the call waits for the agent's word exactly when the action may have happened.
 */
import { describe, it } from 'vitest';
import type { ErrorCode } from '../../../main/contract/error-codes';
import type { ActionOutcome, Participant, SessionSnapshot } from '../../../main/contract/domain';
import type { FailureDetail, Result } from '../../../main/contract/result';
import { mayHaveHappened } from '../../../main/phlo/request-outcome';
import type { CallSession } from '../../../main/session/call-session';
import { startSimulator, type Fault, type Simulator } from '../../../main/simulator/server';
import { AGENT, COLLEAGUE, CUSTOMER } from '../../support/numbers';
import { simSession, simSettings } from '../../support/sim-session';

// Short, so the ten delayed cases cost a second each; the delay outlasts the timeout by half a second.
// Wide apart: on a loaded 2-core machine a plain 401 or 500 can take a while, and must not read as a timeout.
const TIMEOUT_MS = 3000;
const DELAY_MS = 4500;

/** What a fault must lead to: the code, whether Plivo may have acted, and whether the simulator did. */
interface Expected {
  code: ErrorCode;
  mayHaveHappened: boolean;
  /** Whether the simulator applied the action before the answer was lost. */
  applied: boolean;
  detail?: Record<string, unknown>;
}

const refusedBefore = (code: ErrorCode, detail?: Record<string, unknown>): Expected => ({
  code,
  mayHaveHappened: false,
  applied: false,
  ...(detail === undefined ? {} : { detail }),
});
const unknownOutcome = (code: ErrorCode, applied = false, detail?: Record<string, unknown>): Expected => ({
  code,
  mayHaveHappened: true,
  applied,
  ...(detail === undefined ? {} : { detail }),
});
const RETRY_AFTER = { 'Retry-After': '7' };

const FAULTS: [string, Fault, Expected][] = [
  ['a delay past the timeout', { kind: 'delay', ms: DELAY_MS }, unknownOutcome('timeout', true)],
  ['a reset before the body was read', { kind: 'reset', when: 'before_body' }, unknownOutcome('timeout')],
  ['a reset after the body was read', { kind: 'reset', when: 'after_body' }, unknownOutcome('timeout', true)],
  ['401', { kind: 'status', status: 401 }, refusedBefore('invalid_credentials', { status: 401 })],
  ['401 with Retry-After', { kind: 'status', status: 401, headers: RETRY_AFTER }, refusedBefore('invalid_credentials', { status: 401 })],
  ['403', { kind: 'status', status: 403 }, refusedBefore('forbidden', { status: 403 })],
  ['403 with Retry-After', { kind: 'status', status: 403, headers: RETRY_AFTER }, refusedBefore('forbidden', { status: 403 })],
  ['404', { kind: 'status', status: 404 }, refusedBefore('not_found', { status: 404 })],
  ['404 with Retry-After', { kind: 'status', status: 404, headers: RETRY_AFTER }, refusedBefore('not_found', { status: 404 })],
  ['429', { kind: 'status', status: 429 }, refusedBefore('rate_limited', { status: 429, retryAfterSeconds: undefined })],
  ['429 with Retry-After', { kind: 'status', status: 429, headers: RETRY_AFTER }, refusedBefore('rate_limited', { status: 429, retryAfterSeconds: 7 })],
  ['500', { kind: 'status', status: 500 }, unknownOutcome('plivo_unavailable', false, { status: 500 })],
  ['502', { kind: 'status', status: 502 }, unknownOutcome('plivo_unavailable', false, { status: 502 })],
  ['503', { kind: 'status', status: 503 }, unknownOutcome('plivo_unavailable', false, { status: 503 })],
  ['a proxy\'s HTML error page', { kind: 'html' }, unknownOutcome('proxy_refused', false, { status: 502, proxyForwarded: true })],
  ['an HTML page with 200', { kind: 'html', status: 200 }, unknownOutcome('unexpected_response', false, { status: 200 })],
  ['malformed JSON', { kind: 'malformed' }, unknownOutcome('unexpected_response', false, { status: 201 })],
  ['an empty body', { kind: 'empty' }, unknownOutcome('unexpected_response', false, { status: 200 })],
];

/** A step on the open call; the matrix runs the last one under the fault. */
type Step = (session: CallSession, id: (address: string) => string) => Promise<Result<ActionOutcome>>;

const warm: Step = (s) => s.warmTransfer({ to: COLLEAGUE });
const add: Step = (s) => s.addParticipant({ to: COLLEAGUE });
const hold: Step = (s, id) => s.hold(id(CUSTOMER));

// Each action after the steps that make it valid, as the call view would offer it.
const ACTIONS: [string, Step[]][] = [
  ['warm_transfer', [warm]],
  ['cold_transfer', [(s) => s.coldTransfer({ to: COLLEAGUE })]],
  ['add_participant', [add]],
  ['complete_transfer', [warm, (s) => s.completeTransfer()]],
  ['cancel_transfer', [warm, (s) => s.cancelTransfer()]],
  ['merge_transfer', [warm, (s) => s.mergeTransfer()]],
  ['hold', [hold]],
  ['unhold', [hold, (s, id) => s.unhold(id(CUSTOMER))]],
  ['hangup', [add, (s, id) => s.hangup(id(COLLEAGUE))]],
  ['voicemail_drop', [add, (s, id) => s.voicemailDrop(id(COLLEAGUE))]],
];

const CASES = ACTIONS.flatMap(([action, steps]) => FAULTS.map(([fault, injected, expected]) => ({ action, steps, fault, injected, expected })));

// The simulator's states, with a dialled member as connected: the session shows "dialling" until PHLO could say otherwise.
function sessionStates(snapshot: SessionSnapshot | null): Record<string, string> {
  const shown = (p: Participant) => (p.state === 'dialling' ? 'connected' : p.state);
  return Object.fromEntries((snapshot?.participants ?? []).map((p) => [p.address, shown(p)]));
}
function simStates(sim: Simulator): Record<string, string> {
  return Object.fromEntries((sim.calls()[0]?.members ?? []).map((m) => [m.address, m.state]));
}

// Each case has a simulator of its own (faults queue per simulator), so they run side by side.
describe.concurrent('every fault against every action', () => {
  it.for(CASES)('$action meeting $fault', async ({ steps, injected, expected }, { expect, onTestFinished }) => {
    const sim = await startSimulator();
    onTestFinished(() => sim.close());
    sim.createCall(AGENT, CUSTOMER);
    const session = simSession(sim, () => simSettings(sim, TIMEOUT_MS));
    expect(session.open({ customer: CUSTOMER }).ok).toBe(true);
    const id = (address: string) => session.snapshot()?.participants.find((p) => p.address === address)?.id ?? 'missing';
    const setup = steps.slice(0, -1);
    const act = steps.at(-1);
    if (act === undefined) throw new Error('an action has at least one step');
    for (const step of setup) expect(await step(session, id)).toMatchObject({ ok: true });
    const before = session.snapshot();
    sim.clearRequests();
    sim.injectFault(injected);

    const result = await act(session, id);

    expect(result).toMatchObject({ ok: false, error: { code: expected.code } });
    if (result.ok) return;
    // Key by key, so an undefined in the table means "not there at all".
    for (const [key, value] of Object.entries(expected.detail ?? {})) expect(result.error.detail?.[key as keyof FailureDetail]).toBe(value);
    expect(mayHaveHappened(result.error)).toBe(expected.mayHaveHappened);
    // Once, whatever came back.
    const [request, ...resent] = sim.requests();
    expect(resent).toEqual([]);
    expect(request?.applied).toBe(expected.applied);
    const after = session.snapshot();
    expect(after?.pending).toBeNull();
    if (expected.mayHaveHappened) {
      expect(after?.unconfirmed).toMatchObject({ failure: { code: expected.code } });
      expect(after?.participants).toEqual(before?.participants);
      // Trying again while the outcome is unknown is refused, and nothing more is sent.
      expect(await act(session, id)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
      // The agent, who heard what happened, says so: the call then shows what PHLO really holds.
      expect(session.confirmOutcome(expected.applied).ok).toBe(true);
    } else {
      expect(after).toBe(before);
    }
    expect(sessionStates(session.snapshot())).toEqual(simStates(sim));
    expect(sim.requests()).toHaveLength(1);
  });
});

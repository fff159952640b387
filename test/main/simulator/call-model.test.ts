import { describe, expect, it } from 'vitest';
import {
  applyMemberAction,
  applyNodeAction,
  createCall,
  EMPTY_MODEL,
  isMemberAddress,
  viewCalls,
  type CallModel,
  type LiveCallView,
  type MemberAction,
  type NodeActionRequest,
  type Transition,
} from '../../../main/simulator/call-model';

const AGENT = '+14152223333';
const CUSTOMER = '+14152224444';
const COLLEAGUE = '+14152225555';
const OTHER = '+14152226666';

function must<T extends object>(transition: Transition<T>): CallModel {
  if (!transition.ok) throw new Error(`expected success, got: ${transition.error}`);
  return transition.model;
}

function refusal(transition: Transition): string {
  if (transition.ok) throw new Error('expected a refusal');
  return transition.error;
}

function started(): CallModel {
  return must(createCall(EMPTY_MODEL, AGENT, CUSTOMER));
}

function node(model: CallModel, action: NodeActionRequest['action'], to: string, triggerSource = AGENT): Transition {
  return applyNodeAction(model, { action, to, role: 'agent', triggerSource });
}

function member(model: CallModel, address: string, action: MemberAction): Transition {
  return applyMemberAction(model, address, action);
}

function only(model: CallModel): LiveCallView {
  const calls = viewCalls(model);
  expect(calls).toHaveLength(1);
  const [call] = calls;
  if (call === undefined) throw new Error('no call');
  return call;
}

function states(model: CallModel): Record<string, string> {
  return Object.fromEntries(only(model).members.map((m) => [m.address, m.state]));
}

function inTransfer(): CallModel {
  return must(node(started(), 'warm_transfer', COLLEAGUE));
}

describe('isMemberAddress', () => {
  it.each(['+14152223333', '+4420794600', 'sip:alice123@phone.plivo.com', 'sip:bob@10.0.0.1:5060', 'sip:a@[::1]'])(
    'accepts %s',
    (address) => {
      expect(isMemberAddress(address)).toBe(true);
    },
  );
  it.each(['14152223333', '+0415222333', '+1415', '+1415222333344445', 'alice@phone.plivo.com', 'sip:alice', 'sips:a@b.c', ''])(
    'refuses %j',
    (address) => {
      expect(isMemberAddress(address)).toBe(false);
    },
  );
});

describe('createCall', () => {
  it('starts a call with the agent and the customer connected', () => {
    const transition = createCall(EMPTY_MODEL, AGENT, CUSTOMER);
    if (!transition.ok) throw new Error(transition.error);
    expect(transition.call).toEqual({
      id: 'call-1',
      members: [
        { address: AGENT, role: 'agent', state: 'connected' },
        { address: CUSTOMER, role: 'customer', state: 'connected' },
      ],
      transfer: null,
    });
    expect(viewCalls(transition.model)).toEqual([transition.call]);
    expect(EMPTY_MODEL.calls).toHaveLength(0);
  });

  it('numbers calls and keeps them apart', () => {
    const model = must(createCall(started(), COLLEAGUE, OTHER));
    expect(viewCalls(model).map((call) => call.id)).toEqual(['call-1', 'call-2']);
  });

  it('refuses a member already on a live call', () => {
    expect(refusal(createCall(started(), COLLEAGUE, CUSTOMER))).toBe(`Member ${CUSTOMER} is already on a live call.`);
    expect(refusal(createCall(started(), AGENT, COLLEAGUE))).toBe(`Member ${AGENT} is already on a live call.`);
  });

  it('refuses text that is not an address, and a call with oneself', () => {
    expect(refusal(createCall(EMPTY_MODEL, '4152223333', CUSTOMER))).toBe('"4152223333" is not an E.164 number or a sip: URI.');
    expect(refusal(createCall(EMPTY_MODEL, AGENT, AGENT))).toBe('The agent and the customer must be different members.');
  });
});

describe('views', () => {
  it('are copies: changing one does not change the model', () => {
    const model = started();
    const [call] = viewCalls(model);
    if (call?.members[0] === undefined) throw new Error('no call');
    call.members[0].state = 'left';
    expect(states(model)[AGENT]).toBe('connected');
  });
});

describe('any action', () => {
  it('is refused for an address on no live call', () => {
    expect(refusal(node(started(), 'call', COLLEAGUE, OTHER))).toBe(`No active call found for ${OTHER}.`);
    expect(refusal(member(started(), OTHER, 'hangup'))).toBe(`No active call found for ${OTHER}.`);
  });

  it('is refused for a member who left', () => {
    const model = must(member(must(node(started(), 'call', COLLEAGUE)), CUSTOMER, 'hangup'));
    expect(refusal(member(model, CUSTOMER, 'hold'))).toBe(`No active call found for ${CUSTOMER}.`);
  });

  it('leaves the model untouched when refused', () => {
    const model = started();
    const transition = member(model, AGENT, 'unhold');
    expect(transition.ok).toBe(false);
    expect(states(model)).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected' });
  });
});

describe('call', () => {
  it('adds the dialled member, connected, with the role given', () => {
    const model = must(applyNodeAction(started(), { action: 'call', to: OTHER, role: 'customer', triggerSource: AGENT }));
    expect(only(model).members[2]).toEqual({ address: OTHER, role: 'customer', state: 'connected' });
  });

  it('refuses a member already on a live call, this one or another', () => {
    expect(refusal(node(started(), 'call', CUSTOMER))).toBe(`Member ${CUSTOMER} is already on a live call.`);
    const two = must(createCall(started(), COLLEAGUE, OTHER));
    expect(refusal(node(two, 'call', OTHER))).toBe(`Member ${OTHER} is already on a live call.`);
  });

  it('brings back a member who left, in their old row', () => {
    const left = must(member(must(node(started(), 'call', COLLEAGUE)), COLLEAGUE, 'hangup'));
    const back = must(applyNodeAction(left, { action: 'call', to: COLLEAGUE, role: 'customer', triggerSource: AGENT }));
    expect(only(back).members).toEqual([
      { address: AGENT, role: 'agent', state: 'connected' },
      { address: CUSTOMER, role: 'customer', state: 'connected' },
      { address: COLLEAGUE, role: 'customer', state: 'connected' },
    ]);
  });
});

describe('warm_transfer', () => {
  it('holds the others, and the agent consults the target', () => {
    const model = inTransfer();
    expect(states(model)).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'on_hold', [COLLEAGUE]: 'consulting' });
    expect(only(model).transfer).toEqual({ agent: AGENT, target: COLLEAGUE });
  });

  it('is refused while a transfer is under way', () => {
    expect(refusal(node(inTransfer(), 'warm_transfer', OTHER))).toBe('A transfer is already under way on this call.');
  });

  it('is refused when the agent is not connected', () => {
    const held = must(member(started(), AGENT, 'hold'));
    expect(refusal(node(held, 'warm_transfer', COLLEAGUE))).toBe(`Member ${AGENT} is not connected, so it cannot start a warm transfer.`);
  });

  it('is refused when the target is already on a live call', () => {
    const two = must(createCall(started(), COLLEAGUE, OTHER));
    expect(refusal(node(two, 'warm_transfer', COLLEAGUE))).toBe(`Member ${COLLEAGUE} is already on a live call.`);
  });
});

describe('cold_transfer', () => {
  it('makes the agent leave and connects the target to the others, held ones included', () => {
    const customerHeld = must(member(started(), CUSTOMER, 'hold'));
    const model = must(node(customerHeld, 'cold_transfer', COLLEAGUE));
    expect(states(model)).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
    expect(only(model).transfer).toBeNull();
    // The agent is free for the next call.
    expect(must(createCall(model, AGENT, OTHER)).calls).toHaveLength(2);
  });

  it('is refused while a transfer is under way', () => {
    expect(refusal(node(inTransfer(), 'cold_transfer', OTHER))).toBe('A transfer is already under way on this call.');
  });

  it('is refused when the target is already on a live call', () => {
    expect(refusal(node(started(), 'cold_transfer', CUSTOMER))).toBe(`Member ${CUSTOMER} is already on a live call.`);
  });
});

describe('hold and unhold', () => {
  it('hold puts a connected member on hold, unhold takes them off', () => {
    const held = must(member(started(), CUSTOMER, 'hold'));
    expect(states(held)[CUSTOMER]).toBe('on_hold');
    expect(states(must(member(held, CUSTOMER, 'unhold')))[CUSTOMER]).toBe('connected');
  });

  it('hold is refused for a member who is not connected', () => {
    const held = must(member(started(), CUSTOMER, 'hold'));
    expect(refusal(member(held, CUSTOMER, 'hold'))).toBe(`Member ${CUSTOMER} is not connected, so it cannot be put on hold.`);
    expect(refusal(member(inTransfer(), COLLEAGUE, 'hold'))).toBe(`Member ${COLLEAGUE} is not connected, so it cannot be put on hold.`);
  });

  it('unhold is refused for a member who is not on hold', () => {
    expect(refusal(member(started(), CUSTOMER, 'unhold'))).toBe(`Member ${CUSTOMER} is not on hold.`);
  });

  it('unhold is refused for a member held by a warm transfer under way', () => {
    expect(refusal(member(inTransfer(), CUSTOMER, 'unhold'))).toBe(
      `Member ${CUSTOMER} is held by the warm transfer under way; complete, abort or resume the transfer first.`,
    );
  });
});

describe('hangup', () => {
  it("by the transfer's agent completes the transfer", () => {
    const model = must(member(inTransfer(), AGENT, 'hangup'));
    expect(states(model)).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
    expect(only(model).transfer).toBeNull();
  });

  it("by the transfer's target gives the call back to the agent", () => {
    const model = must(member(must(node(inTransfer(), 'call', OTHER)), COLLEAGUE, 'hangup'));
    expect(states(model)).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected', [COLLEAGUE]: 'left', [OTHER]: 'connected' });
    expect(only(model).transfer).toBeNull();
  });

  it('by a held member leaves the transfer under way, and they no longer count as held', () => {
    const model = must(member(inTransfer(), CUSTOMER, 'hangup'));
    expect(states(model)).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'left', [COLLEAGUE]: 'consulting' });
    expect(only(model).transfer).toEqual({ agent: AGENT, target: COLLEAGUE });
    const back = must(applyNodeAction(model, { action: 'call', to: CUSTOMER, role: 'customer', triggerSource: AGENT }));
    expect(states(must(member(must(member(back, CUSTOMER, 'hold')), CUSTOMER, 'unhold')))[CUSTOMER]).toBe('connected');
  });

  it('leaves the others on the call while two remain', () => {
    const model = must(member(must(node(started(), 'call', COLLEAGUE)), CUSTOMER, 'hangup'));
    expect(states(model)).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'left', [COLLEAGUE]: 'connected' });
  });

  it('ends the call when fewer than two remain, freeing every address', () => {
    const model = must(member(started(), CUSTOMER, 'hangup'));
    expect(viewCalls(model)).toEqual([]);
    expect(refusal(member(model, AGENT, 'hold'))).toBe(`No active call found for ${AGENT}.`);
    expect(viewCalls(must(createCall(model, AGENT, CUSTOMER)))).toHaveLength(1);
  });

  it('ends a call whose transfer completes with one member left', () => {
    const customerGone = must(member(inTransfer(), CUSTOMER, 'hangup'));
    expect(viewCalls(must(member(customerGone, AGENT, 'hangup')))).toEqual([]);
  });
});

describe('abort_transfer', () => {
  it('disconnects the target and reconnects the agent with the held members', () => {
    const model = must(member(inTransfer(), AGENT, 'abort_transfer'));
    expect(states(model)).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected', [COLLEAGUE]: 'left' });
    expect(only(model).transfer).toBeNull();
  });

  it('is refused when no transfer is under way', () => {
    expect(refusal(member(started(), AGENT, 'abort_transfer'))).toBe(`No transfer is under way for ${AGENT}.`);
  });

  it("is refused on anyone but the transfer's agent", () => {
    expect(refusal(member(inTransfer(), COLLEAGUE, 'abort_transfer'))).toBe(`Member ${COLLEAGUE} did not start the transfer under way.`);
    expect(refusal(member(inTransfer(), CUSTOMER, 'abort_transfer'))).toBe(`Member ${CUSTOMER} did not start the transfer under way.`);
  });
});

describe('resume_call', () => {
  it('makes a three-way call of everyone still on it', () => {
    const model = must(member(inTransfer(), AGENT, 'resume_call'));
    expect(states(model)).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
    expect(only(model).transfer).toBeNull();
  });

  it('is refused when no transfer is under way', () => {
    expect(refusal(member(started(), AGENT, 'resume_call'))).toBe(`No transfer is under way for ${AGENT}.`);
  });

  it("is refused on anyone but the transfer's agent", () => {
    expect(refusal(member(inTransfer(), COLLEAGUE, 'resume_call'))).toBe(`Member ${COLLEAGUE} did not start the transfer under way.`);
  });
});

describe('voicemail_drop', () => {
  const withCustomer = (): CallModel =>
    must(applyNodeAction(started(), { action: 'call', to: OTHER, role: 'customer', triggerSource: AGENT }));

  it('makes a customer leave', () => {
    expect(states(must(member(withCustomer(), OTHER, 'voicemail_drop')))).toEqual({
      [AGENT]: 'connected',
      [CUSTOMER]: 'connected',
      [OTHER]: 'left',
    });
  });

  it('ends the call when it leaves one member', () => {
    expect(viewCalls(must(member(started(), CUSTOMER, 'voicemail_drop')))).toEqual([]);
  });

  it('is refused on the agent who started the call', () => {
    expect(refusal(member(started(), AGENT, 'voicemail_drop'))).toBe(
      `Member ${AGENT} started this call; a voicemail drop is for a dialled leg.`,
    );
  });

  it('is allowed on a dialled colleague whose role is agent', () => {
    const model = must(applyNodeAction(started(), { action: 'call', to: OTHER, role: 'agent', triggerSource: AGENT }));
    expect(states(must(member(model, OTHER, 'voicemail_drop')))[OTHER]).toBe('left');
  });

  it("is refused on a transfer's target", () => {
    const model = must(applyNodeAction(started(), { action: 'warm_transfer', to: OTHER, role: 'customer', triggerSource: AGENT }));
    expect(refusal(member(model, OTHER, 'voicemail_drop'))).toBe(`Member ${OTHER} is part of the transfer under way.`);
  });
});

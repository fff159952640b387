/**
 * The simulator's model of live multi-party calls and how each PHLO action changes it. Plivo does
 * not document which states an action is valid in (../../../shared/docs/phlo-mpc-api.md, "Member
 * actions"), so the rules here are this project's. Pure: every function returns a new model, so a
 * refused action leaves the server's model as it was.
 */

/** A member's role, as the `role` parameter of a node action gives it. */
export type MemberRole = 'agent' | 'customer';

/** Where a member stands; `left` members stay listed so a test can see who left a live call. */
export type MemberState = 'connected' | 'on_hold' | 'consulting' | 'left';

/** One member of a live call, as tests and the control endpoint see it. */
export interface LiveCallMember {
  address: string;
  role: MemberRole;
  state: MemberState;
}

/** A live call as tests and the control endpoint see it; `transfer` is the warm transfer under way. */
export interface LiveCallView {
  id: string;
  members: LiveCallMember[];
  transfer: { agent: string; target: string } | null;
}

/** The actions of POST .../multi_party_call/{node_id}, in the order the API document lists them. */
export const NODE_ACTIONS = ['call', 'warm_transfer', 'cold_transfer'] as const;

/** One node action. */
export type NodeAction = (typeof NODE_ACTIONS)[number];

/** The actions of POST .../members/{member_address}. */
export const MEMBER_ACTIONS = ['hold', 'unhold', 'hangup', 'abort_transfer', 'resume_call', 'voicemail_drop'] as const;

/** One member action. */
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

/** A node action whose body passed validation; `triggerSource` is U1, the agent acting. */
export interface NodeActionRequest {
  action: NodeAction;
  to: string;
  role: MemberRole;
  triggerSource: string;
}

interface Transfer {
  agent: string;
  target: string;
  // Who the warm transfer put on hold: only the transfer's end may take them off hold.
  held: string[];
}

interface Call {
  id: string;
  members: LiveCallMember[];
  transfer: Transfer | null;
}

/** Every live call; `callsStarted` numbers new calls so ids are predictable in tests. */
export interface CallModel {
  readonly calls: readonly Call[];
  readonly callsStarted: number;
}

/** An action's outcome: the next model (and what the action adds), or the text PHLO's 400 carries. */
export type Transition<Extra extends object = object> =
  | ({ ok: true; model: CallModel } & Extra)
  | { ok: false; error: string };

/** The model with no calls: where a simulator starts and where reset() returns it. */
export const EMPTY_MODEL: CallModel = { calls: [], callsStarted: 0 };

const E164 = /^\+[1-9]\d{6,14}$/;
// The userinfo and host forms Handoff's own address parser can produce (main/address/address.ts).
const SIP_URI = /^sip:[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+@(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const TRANSFER_UNDER_WAY = 'A transfer is already under way on this call.';

/** Whether PHLO would take a text as a member address: an E.164 number or a `sip:user@host` URI. */
export function isMemberAddress(text: string): boolean {
  return E164.test(text) || SIP_URI.test(text);
}

/** Starts a live call between an agent and a customer, both already answered, as a PHLO flow would. */
export function createCall(model: CallModel, agent: string, customer: string): Transition<{ call: LiveCallView }> {
  for (const address of [agent, customer]) {
    if (!isMemberAddress(address)) return { ok: false, error: `${JSON.stringify(address)} is not an E.164 number or a sip: URI.` };
    if (findActive(model, address) !== undefined) return { ok: false, error: alreadyOnCall(address) };
  }
  if (agent === customer) return { ok: false, error: 'The agent and the customer must be different members.' };
  const call: Call = {
    id: `call-${String(model.callsStarted + 1)}`,
    members: [
      { address: agent, role: 'agent', state: 'connected' },
      { address: customer, role: 'customer', state: 'connected' },
    ],
    transfer: null,
  };
  return { ok: true, model: { calls: [...model.calls, call], callsStarted: model.callsStarted + 1 }, call: view(call) };
}

/** Snapshot copies of every live call, safe to hand out. */
export function viewCalls(model: CallModel): LiveCallView[] {
  return model.calls.map(view);
}

/** Applies `call`, `warm_transfer` or `cold_transfer` to the live call of the trigger source. */
export function applyNodeAction(model: CallModel, request: NodeActionRequest): Transition {
  const { action, to, role } = request;
  return change(model, request.triggerSource, (call, agent) => {
    if (action !== 'call' && call.transfer !== null) return TRANSFER_UNDER_WAY;
    if (action === 'warm_transfer' && agent.state !== 'connected') {
      return `Member ${agent.address} is not connected, so it cannot start a warm transfer.`;
    }
    // Plivo dials `to`; someone already talking on a live call cannot answer a second one.
    if (findActive(model, to) !== undefined) return alreadyOnCall(to);
    switch (action) {
      case 'call':
        join(call, to, role, 'connected');
        return undefined;
      case 'warm_transfer': {
        const held = call.members.filter((member) => isActive(member) && member !== agent);
        for (const member of held) member.state = 'on_hold';
        agent.state = 'consulting';
        join(call, to, role, 'consulting');
        call.transfer = { agent: agent.address, target: to, held: held.map((member) => member.address) };
        return undefined;
      }
      case 'cold_transfer':
        agent.state = 'left';
        for (const member of call.members.filter(isActive)) member.state = 'connected';
        join(call, to, role, 'connected');
        return undefined;
    }
  });
}

/** Applies a member action to the live call the member is on. */
export function applyMemberAction(model: CallModel, address: string, action: MemberAction): Transition {
  return change(model, address, (call, member) => {
    const transfer = call.transfer;
    switch (action) {
      case 'hold':
        if (member.state !== 'connected') return `Member ${address} is not connected, so it cannot be put on hold.`;
        member.state = 'on_hold';
        return undefined;
      case 'unhold':
        if (transfer?.held.includes(address) === true) {
          return `Member ${address} is held by the warm transfer under way; complete, abort or resume the transfer first.`;
        }
        if (member.state !== 'on_hold') return `Member ${address} is not on hold.`;
        member.state = 'connected';
        return undefined;
      case 'hangup':
        member.state = 'left';
        // The agent leaving completes the transfer; the target leaving gives the call back to the agent.
        if (transfer !== null && (address === transfer.agent || address === transfer.target)) endTransfer(call, transfer);
        return undefined;
      case 'abort_transfer':
      case 'resume_call': {
        if (transfer === null) return `No transfer is under way for ${address}.`;
        if (address !== transfer.agent) return `Member ${address} did not start the transfer under way.`;
        if (action === 'abort_transfer') {
          leave(call, transfer.target);
          endTransfer(call, transfer);
        } else {
          for (const other of call.members.filter(isActive)) other.state = 'connected';
          call.transfer = null;
        }
        return undefined;
      }
      case 'voicemail_drop':
        // members[0] is the agent who started the call (createCall puts it first): their own leg
        // never reaches voicemail. A dialled colleague's may, whatever their role.
        if (address === call.members[0]?.address) return `Member ${address} started this call; a voicemail drop is for a dialled leg.`;
        if (transfer !== null && (address === transfer.agent || address === transfer.target)) {
          return `Member ${address} is part of the transfer under way.`;
        }
        member.state = 'left';
        return undefined;
    }
  });
}

// Runs `edit` on a copy of the live call `address` is active on; `edit` returns a refusal text or
// nothing. Afterwards a call with fewer than two active members ends, freeing every address on it.
function change(
  model: CallModel,
  address: string,
  edit: (call: Call, member: LiveCallMember) => string | undefined,
): Transition {
  const found = findActive(model, address);
  if (found === undefined) return { ok: false, error: `No active call found for ${address}.` };
  const member = { ...found.member };
  const call: Call = {
    id: found.call.id,
    members: found.call.members.map((other) => (other === found.member ? member : { ...other })),
    transfer: found.call.transfer === null ? null : { ...found.call.transfer, held: [...found.call.transfer.held] },
  };
  const refusal = edit(call, member);
  if (refusal !== undefined) return { ok: false, error: refusal };
  if (call.transfer !== null) {
    call.transfer.held = call.transfer.held.filter((held) => call.members.some((m) => m.address === held && isActive(m)));
  }
  const ended = call.members.filter(isActive).length < 2;
  const calls = model.calls.flatMap((existing) => (existing.id !== call.id ? [existing] : ended ? [] : [call]));
  return { ok: true, model: { ...model, calls } };
}

function endTransfer(call: Call, transfer: Transfer): void {
  const involved = new Set([transfer.agent, transfer.target, ...transfer.held]);
  for (const member of call.members) {
    if (isActive(member) && involved.has(member.address)) member.state = 'connected';
  }
  call.transfer = null;
}

// A member who left earlier and is dialled again takes their old row, so addresses stay unique per call.
function join(call: Call, address: string, role: MemberRole, state: MemberState): void {
  const previous = call.members.find((member) => member.address === address);
  if (previous === undefined) call.members.push({ address, role, state });
  else Object.assign(previous, { role, state });
}

function leave(call: Call, address: string): void {
  for (const member of call.members) if (member.address === address) member.state = 'left';
}

function findActive(model: CallModel, address: string): { call: Call; member: LiveCallMember } | undefined {
  for (const call of model.calls) {
    const member = call.members.find((candidate) => candidate.address === address && isActive(candidate));
    if (member !== undefined) return { call, member };
  }
  return undefined;
}

function isActive(member: LiveCallMember): boolean {
  return member.state !== 'left';
}

function alreadyOnCall(address: string): string {
  return `Member ${address} is already on a live call.`;
}

function view(call: Call): LiveCallView {
  return {
    id: call.id,
    members: call.members.map((member) => ({ ...member })),
    transfer: call.transfer === null ? null : { agent: call.transfer.agent, target: call.transfer.target },
  };
}

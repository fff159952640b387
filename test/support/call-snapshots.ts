/** Call snapshots in each state, built by hand for the pure rules that only read them. */
import type { Participant, SessionSnapshot } from '../../main/contract/domain';

const AT = '2026-12-05T10:00:00Z';

/** One participant; the address doubles as the display form. */
export function person(id: string, kind: Participant['kind'], address: string, label: string | null, state: Participant['state'] = 'connected'): Participant {
  return { id, kind, address, displayAddress: address, role: kind === 'customer' ? 'customer' : 'agent', label, state, since: AT };
}

/** A call between the agent and Grace Hopper, with `changes` over it. */
export function call(changes: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    id: 'call',
    openedAt: AT,
    participants: [person('me', 'self', '+14152223333', 'You'), person('c', 'customer', '+14152224444', 'Grace Hopper')],
    transfer: null,
    pending: null,
    unconfirmed: null,
    restored: false,
    ...changes,
  };
}

/** The same call during a warm transfer to Alan Turing. */
export function warmTransfer(): SessionSnapshot {
  return call({
    participants: [
      person('me', 'self', '+14152223333', 'You', 'consulting'),
      person('c', 'customer', '+14152224444', 'Grace Hopper', 'on_hold'),
      person('g', 'colleague', '+14152225555', 'Alan Turing', 'consulting'),
    ],
    transfer: { targetId: 'g' },
  });
}

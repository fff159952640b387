/**
 * What Handoff adds to a PHLO action: the action through the preview's HTTP bridge and the real core
 * against a bare `fetch` of the same PHLO request to the same local simulator, 200 of each,
 * interleaved so that both meet the same machine load. Every request is an action the simulator
 * accepts: a member is held and unheld in turn.
 *
 * The ratio cannot reach 1.3x here: the simulator answers on loopback in a fraction of a
 * millisecond, and the bridge is one more loopback HTTP round trip of about the same cost, so the
 * hop alone nearly doubles the bare figure. Against Plivo, a round trip over the internet, the same
 * milliseconds are a few percent; hence the absolute lines, which are the ones with a target.
 */
import type { SessionSnapshot } from '../main/contract/domain';
import { PREVIEW_TOKEN_HEADER } from '../main/contract/bridge';
import type { ChannelName } from '../main/contract/ipc';
import type { Result } from '../main/contract/result';
import { RENDERER_DIR } from '../test/e2e/support/build';
import { startHandoffStack, type HandoffStack } from '../test/support/handoff-stack';
import { AGENT, CUSTOMER, keyringReady } from '../test/support/numbers';
import { percentile, type Figure } from './figure';
import { english } from '../test/support/english';

const ROUNDS = 200;
const WARM_UP = 20;
// A second live call in the simulator for the bare requests, so they never change the core's call.
const BARE_AGENT = '+14152226666';
const BARE_CUSTOMER = '+14152227777';

/** Latency of a bridge action against a bare PHLO fetch, and the milliseconds the bridge and the core each add. */
export async function figures(): Promise<Figure[]> {
  if (!keyringReady) throw new Error('The bridge bench saves credentials in the OS keychain: run it with `npm run bench`.');
  // `info`, as Handoff ships: a debug log would measure the log file.
  const stack = await startHandoffStack({ rendererDir: RENDERER_DIR, logLevel: 'info', label: 'handoff-bench' });
  try {
    return await measure(stack);
  } finally {
    await stack.close();
  }
}

async function measure(stack: HandoffStack): Promise<Figure[]> {
  const { sim, preview } = stack;
  await stack.configure();
  sim.createCall(AGENT, CUSTOMER);
  sim.createCall(BARE_AGENT, BARE_CUSTOMER);
  const opened = accepted('session:open', await stack.call('session:open', { customer: CUSTOMER })) as SessionSnapshot;
  const customer = opened.participants.find((p) => p.kind === 'customer');
  if (customer === undefined) throw new Error('The opened call has no customer.');

  const token = new URL(preview.url).searchParams.get('token') ?? '';
  const bridge = async (channel: ChannelName, payload?: unknown): Promise<void> => {
    const response = await fetch(`${preview.origin}/bridge/invoke`, {
      method: 'POST',
      // What the page's own fetch sends: the preview refuses a POST without its Origin.
      headers: { 'Content-Type': 'application/json', [PREVIEW_TOKEN_HEADER]: token, Origin: preview.origin },
      body: JSON.stringify({ channel, payload }),
    });
    accepted(channel, (await response.json()) as Result<unknown>);
  };
  // The request the PHLO client sends, byte for byte in what matters: path, headers, body.
  const memberUrl = `${sim.baseUrl}phlo/${sim.phloId}/multi_party_call/${sim.nodeId}/members/${encodeURIComponent(BARE_CUSTOMER)}`;
  const authorization = `Basic ${Buffer.from(`${sim.authId}:${stack.authToken}`).toString('base64')}`;
  const bare = async (action: 'hold' | 'unhold'): Promise<void> => {
    const response = await fetch(memberUrl, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: authorization },
      body: JSON.stringify({ action }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`The simulator refused a bare ${action}: ${String(response.status)} ${text}`);
  };

  // One flag per member: the core's customer is flipped by bridge and direct actions alike.
  let coreHeld = false;
  let bareHeld = false;
  const member = { participantId: customer.id };
  const paths = {
    bridgeAction: () => bridge(coreHeld ? 'call:unhold' : 'call:hold', member).then(() => (coreHeld = !coreHeld)),
    directAction: async () => {
      accepted('direct action', await stack.call(coreHeld ? 'call:unhold' : 'call:hold', member));
      coreHeld = !coreHeld;
    },
    bareFetch: () => bare(bareHeld ? 'unhold' : 'hold').then(() => (bareHeld = !bareHeld)),
    bridgeHop: () => bridge('session:get'),
  };
  const names = Object.keys(paths) as (keyof typeof paths)[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<keyof typeof paths, number[]>;

  for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
    // A different path goes first each round, so none always runs on a cold or a warm cache.
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(round + i) % names.length] as keyof typeof paths;
      const started = performance.now();
      await paths[name]();
      if (round >= WARM_UP) samples[name].push(performance.now() - started);
    }
  }

  const p = (name: keyof typeof paths) => [percentile(samples[name], 0.5), percentile(samples[name], 0.95)] as const;
  const [bare50, bare95] = p('bareFetch');
  const [action50, action95] = p('bridgeAction');
  const [direct50, direct95] = p('directAction');
  const [hop50, hop95] = p('bridgeHop');
  const ms = (value: number) => value.toFixed(2);
  const pair = (name: string, unit: string, p50: number, p95: number, line: string): Figure[] => [
    { name: `${name} p50`, value: p50, unit, line },
    { name: `${name} p95`, value: p95, unit, line },
  ];
  const ratio = [action50 / bare50, action95 / bare95] as const;
  const adds = [action50 - bare50, action95 - bare95] as const;
  const core = [direct50 - bare50, direct95 - bare95] as const;
  return [
    ...pair('bare fetch', 'ms', bare50, bare95, `bare fetch (the baseline) p50/p95: ${ms(bare50)}/${ms(bare95)} ms`),
    ...pair('bridge action latency vs bare fetch', 'x', ...ratio, `bridge action latency p50/p95 vs bare fetch: ${ratio[0].toFixed(2)}x/${ratio[1].toFixed(2)}x`),
    ...pair('bridge round trip alone', 'ms', hop50, hop95, `bridge round trip alone p50/p95: ${ms(hop50)}/${ms(hop95)} ms`),
    ...pair('core alone', 'ms', ...core, `core alone p50/p95: ${ms(core[0])}/${ms(core[1])} ms`),
    ...pair('Handoff adds per action', 'ms', ...adds, `Handoff adds per action p50/p95: ${ms(adds[0])}/${ms(adds[1])} ms (target ≤ 2/5 ms)`),
  ];
}

// A bench of refusals would measure the wrong thing: any refusal stops the run.
function accepted(what: string, result: Result<unknown>): unknown {
  if (!result.ok) throw new Error(`${what} refused: ${result.error.code}: ${english(result.error.message)}`);
  return result.value;
}

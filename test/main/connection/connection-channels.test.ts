import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../main/contract/domain';
import type { ChannelName } from '../../../main/contract/ipc';
import { text } from '../../../main/contract/text';
import { createCore, type Core } from '../../../main/core';
import { dispatch } from '../../../main/handlers/channel-handlers';
import { startSimulator, type Simulator } from '../../../main/simulator/server';
import { AGENT, COLLEAGUE, CUSTOMER, keyringReady } from '../../support/numbers';
import { useTempDirs } from '../../support/temp-dir';
import { CATALOG_DIR } from '../../support/catalogs';
import { english } from '../../support/english';

if (!keyringReady) {
  console.warn('connection channel tests: HANDOFF_KEYRING is not "ready" (run them through test/run-with-keyring.mjs), so they are SKIPPED.');
}

describe.skipIf(!keyringReady)('Plivo reachability through the core: connection:status, connection:changed, credentials:replace', () => {
  const tempDir = useTempDirs();
  let sim: Simulator;
  let core: Core;
  let events: ConnectionStatus[];
  const service = `Handoff test ${randomUUID()}`;
  const call = (channel: ChannelName, payload?: unknown) => dispatch(core.handlers, channel, payload, core.logger);
  const status = async () => {
    await core.checksSettled();
    const read = await call('connection:status');
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    return read.value as ConnectionStatus;
  };
  const gets = () => sim.requests().filter((r) => r.method === 'GET');

  async function configure(authToken = sim.authToken) {
    expect(await call('settings:update', { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT })).toMatchObject({ ok: true });
    expect(await call('credentials:save', { authId: sim.authId, authToken })).toMatchObject({ ok: true });
  }

  beforeEach(async () => {
    sim = await startSimulator();
    core = await createCore({ catalogDir: CATALOG_DIR, dataDir: await tempDir(), env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl }, keychainService: service });
    events = [];
    core.onEvent((e) => {
      if (e.event === 'connection:changed') events.push(e.payload);
    });
  });
  afterEach(async () => {
    await call('credentials:clear');
    await core.close();
    await sim.close();
  });

  it('says "not set up" and reads nothing until settings and credentials are complete', async () => {
    expect(await status()).toMatchObject({ state: 'not_set_up', checkedAt: null });
    expect(await call('settings:update', { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT })).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ state: 'not_set_up' });
    expect(sim.requests()).toHaveLength(0);
  });

  it('checks once credentials are saved, with the node read (a GET), and publishes each change', async () => {
    await configure();
    expect(await status()).toMatchObject({ state: 'reachable', reason: null, checkedAt: expect.any(String) as unknown });
    expect(gets()).toHaveLength(1);
    expect(sim.requests()).toHaveLength(1);
    expect(events.map((e) => e.state)).toContain('reachable');
    expect(events.at(-1)).toEqual(await status());
  });

  it('says "not reachable" before any action when Plivo cannot be reached, and still opens the call', async () => {
    await configure();
    await status();
    await sim.close();
    await call('settings:update', { defaultCountry: 'US' });
    expect(await status()).toMatchObject({
      state: 'unreachable',
      reason: text('connection.reason.network'),
      failure: { code: 'network' },
    });
    expect(await call('session:open', { customer: CUSTOMER })).toMatchObject({ ok: true });
  });

  it('treats a read that times out as "not reachable", a state and not a failure of any request the agent made', async () => {
    expect(await call('settings:update', { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT, requestTimeoutMs: 1000 })).toMatchObject({ ok: true });
    sim.injectFault({ kind: 'delay', ms: 3000 });
    expect(await call('credentials:save', { authId: sim.authId, authToken: sim.authToken })).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ state: 'unreachable', reason: text('connection.reason.timeout'), failure: { code: 'timeout' } });
  });

  it('runs the check beside a call action: the action neither waits for it nor is refused as busy', async () => {
    await configure();
    await status();
    sim.createCall(AGENT, CUSTOMER);
    expect(await call('session:open', { customer: CUSTOMER })).toMatchObject({ ok: true });
    await core.checksSettled();
    // The next PHLO request (the check a settings save starts) answers in 3 s; the action must not wait for it.
    sim.injectFault({ kind: 'delay', ms: 3000 });
    await call('settings:update', { defaultCountry: 'US' });
    await expect.poll(() => gets().length).toBe(3);
    expect(await call('call:warm-transfer', { to: COLLEAGUE })).toMatchObject({ ok: true });
    // The action came back while the check's read was still unanswered: it did not wait for it.
    expect(gets().at(-1)?.status).toBeNull();
    expect((await status()).state).toBe('reachable');
  });

  it('marks a refused token on Test connection, words it for Settings, and takes a new token alone', async () => {
    await configure('notTheSimulatorsToken');
    expect(await status()).toMatchObject({ state: 'unreachable', reason: text('connection.reason.invalidCredentials'), failure: { code: 'invalid_credentials' } });
    const tested = await call('connection:test');
    expect(tested).toMatchObject({ ok: false, error: { code: 'invalid_credentials', detail: { field: 'authToken', status: 401 } } });
    expect(tested).toMatchObject({ error: { message: text('error.checkConnection.invalidCredentials') } });
    expect(tested.ok ? '' : english(tested.error.message)).not.toMatch(/in Settings/);

    expect(await call('credentials:replace', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: text('validation.newCredentials') } });
    expect(await call('credentials:replace', { authToken: 'has space' })).toMatchObject({ ok: false, error: { detail: { field: 'authToken' } } });
    expect(await call('credentials:replace', { authToken: sim.authToken })).toEqual({ ok: true, value: { set: true, authIdMasked: 'MA…01' } });
    expect(await status()).toMatchObject({ state: 'reachable' });
    expect(await call('connection:test')).toMatchObject({ ok: true });
    // The Auth ID was kept from the keychain: every read after the replace carried the right pair.
    const basic = `Basic ${Buffer.from(`${sim.authId}:${sim.authToken}`).toString('base64')}`;
    expect(sim.requests().at(-1)?.headers['authorization']).toBe(basic);
  });

  it('checks the demo\'s simulator in the demo, not the agent\'s Plivo', async () => {
    await call('demo:start');
    expect(await status()).toMatchObject({ state: 'reachable' });
    expect(sim.requests()).toHaveLength(0);
    await call('demo:stop');
  });
});

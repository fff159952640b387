import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countryProblem, parseAddress } from '../../main/address/address';
import type { ActionOutcome, AppState, SessionSnapshot } from '../../main/contract/domain';
import type { ChannelName } from '../../main/contract/ipc';
import type { Result } from '../../main/contract/result';
import { createCore, type Core } from '../../main/core';
import { dispatch } from '../../main/handlers/channel-handlers';
import { startSimulator, type Simulator } from '../../main/simulator/server';
import { fixture } from '../support/fixtures';
import { startProxy } from '../support/proxies';
import { useTempDirs } from '../support/temp-dir';
import { CATALOG_DIR } from '../support/catalogs';
import { english } from '../support/english';

const AGENT = '+14152223333';
const CUSTOMER = '+14152224444';

const keyringReady = process.env['HANDOFF_KEYRING'] === 'ready';
if (!keyringReady) {
  console.warn('core tests: HANDOFF_KEYRING is not "ready" (run them through test/run-with-keyring.mjs), so they are SKIPPED.');
}

describe.skipIf(!keyringReady)('the core, end to end: settings, the real keychain, the session and the simulator', () => {
  const tempDir = useTempDirs();
  let sim: Simulator;
  let core: Core;
  let dataDir: string;
  const service = `Handoff test ${randomUUID()}`;
  const call = (channel: ChannelName, payload?: unknown) =>
    dispatch(core.handlers, channel, payload, core.logger);

  beforeEach(async () => {
    sim = await startSimulator();
    dataDir = await tempDir();
    core = await createCore({
      catalogDir: CATALOG_DIR,
      dataDir,
      env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl, HANDOFF_LOG_LEVEL: 'debug' },
      keychainService: service,
    });
  });
  afterEach(async () => {
    await call('demo:stop');
    await call('credentials:clear');
    await core.close();
    await sim.close();
  });

  async function configure(authToken = sim.authToken) {
    expect(await call('settings:update', { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: '(415) 222-3333' })).toMatchObject({ ok: true });
    expect(await call('credentials:save', { authId: sim.authId, authToken })).toMatchObject({ ok: true });
  }

  it('goes from nothing configured to a completed warm transfer', async () => {
    expect(await call('connection:test')).toMatchObject({ ok: false, error: { code: 'not_configured' } });
    await configure();
    expect(await call('credentials:status')).toEqual({ ok: true, value: { set: true, authIdMasked: 'MA…01' } });
    expect(await call('connection:test')).toMatchObject({ ok: true, value: { nodeName: 'Multi-Party Call_1' } });

    sim.createCall(AGENT, CUSTOMER);
    const events: (SessionSnapshot | null)[] = [];
    core.onEvent((e) => {
      if (e.event === 'session:changed') events.push(e.payload);
    });
    expect(await call('session:open', { customer: '415 222 4444' })).toMatchObject({ ok: true });
    const warm = (await call('call:warm-transfer', { to: '+14152225555' })) as Result<ActionOutcome>;
    expect(warm.ok).toBe(true);
    // The last action: the header's reads of the node may come after it.
    const sent = sim.requests().filter((r) => r.method === 'POST').at(-1);
    expect(sent?.path).toBe(`/v1/phlo/${sim.phloId}/multi_party_call/${sim.nodeId}`);
    expect(JSON.parse(sent?.rawBody ?? '')).toStrictEqual(fixture('warm-transfer.request.json'));

    const done = (await call('call:complete-transfer')) as Result<ActionOutcome>;
    expect(done.ok && done.value.session.participants.map((p) => p.state)).toEqual(['left', 'connected', 'connected']);
    expect(events.map((e) => e?.pending ?? null)).toEqual([null, 'warm_transfer', null, 'complete_transfer', null]);
  });

  it('refuses over the bridge a close that would strand the held customer, unless forced', async () => {
    await configure();
    sim.createCall(AGENT, CUSTOMER);
    await call('session:open', { customer: CUSTOMER, label: 'Maria Lopez' });
    await call('call:warm-transfer', { to: '+14152225555' });
    const before = await call('session:get');
    const refused = await call('session:end');
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation', message: expect.stringMatching(/^Maria Lopez is on hold/) as unknown } });
    expect(await call('session:end', { force: false })).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(await call('session:end', { force: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('session:get')).toEqual(before);
    expect(await call('session:end', { force: true })).toEqual({ ok: true, value: null });
    expect(await call('session:get')).toEqual({ ok: true, value: null });
  });

  it('reports a wrong token as invalid_credentials', async () => {
    await configure('not-the-simulator-token');
    expect(await call('connection:test')).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
  });

  it('refuses unknown channels and malformed payloads without acting', async () => {
    await configure();
    sim.createCall(AGENT, CUSTOMER);
    await call('session:open', { customer: CUSTOMER });
    // Saving and opening start reachability checks (reads); counting starts once they are done.
    await core.checksSettled();
    const before = sim.requests().length;
    expect(await dispatch(core.handlers, 'shell:exec', 'rm -rf /', core.logger)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('call:warm-transfer', { to: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input', detail: { field: 'to' } } });
    expect(await call('call:warm-transfer', { to: '+14152225555', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('call:hold', null)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('settings:update', { phloId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_input', detail: { field: 'phloId' } } });
    expect(sim.requests()).toHaveLength(before);
  });

  it('records a transfer target as recent only once Plivo accepted the dial, and refuses a 10,000-character search', async () => {
    await configure();
    sim.createCall(AGENT, CUSTOMER);
    await call('session:open', { customer: CUSTOMER });
    expect(await call('call:warm-transfer', { to: 'not a number' })).toMatchObject({ ok: false });
    expect(await call('directory:search', { query: '' })).toEqual({ ok: true, value: { query: '', groups: [] } });
    expect(await call('call:warm-transfer', { to: '(415) 222-5555', label: 'Grace' })).toMatchObject({ ok: true });
    expect(await call('directory:search', { query: '' })).toMatchObject({
      ok: true,
      value: { groups: [{ label: 'Recent', options: [{ name: 'Grace', address: '+14152225555', favorite: false }] }] },
    });
    expect(await call('directory:search', { query: 'x'.repeat(10_000) })).toMatchObject({ ok: false, error: { code: 'invalid_input', detail: { field: 'query' } } });
  });

  it('never writes the token to any file under the data folder', async () => {
    const token = `secret${randomUUID().replaceAll('-', '')}`;
    sim = await restartedWithToken(token);
    await configure(token);
    sim.createCall(AGENT, CUSTOMER);
    await call('connection:test');
    await call('session:open', { customer: CUSTOMER });
    await call('call:warm-transfer', { to: '+14152225555' });
    sim.injectFault({ kind: 'status', status: 401 });
    await call('call:cancel-transfer');
    await call('credentials:status');

    const files = await listFiles(dataDir);
    expect(files.length).toBeGreaterThan(1); // settings.json and the log at least
    // Neither the token nor the Basic header built from it.
    const basic = Buffer.from(`${sim.authId}:${token}`).toString('base64');
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(token);
      expect(text).not.toContain(basic);
    }
  });

  it('sends through the proxy HTTP_PROXY names, and writes neither the proxy\'s password nor its sign-in to a file', async () => {
    const password = `proxyPw${randomUUID().replaceAll('-', '')}`;
    const signIn = Buffer.from(`agent:${password}`).toString('base64');
    const guarded = await startProxy((request) => request.headers['proxy-authorization'] === `Basic ${signIn}`);
    try {
      await core.close();
      const env = { HANDOFF_PHLO_BASE_URL: sim.baseUrl, HANDOFF_LOG_LEVEL: 'debug', HTTP_PROXY: guarded.url.replace('//', `//agent:${password}@`) };
      core = await createCore({ catalogDir: CATALOG_DIR, dataDir, env, keychainService: service });
      await configure();
      sim.createCall(AGENT, CUSTOMER);
      await call('session:open', { customer: CUSTOMER });
      expect(await call('call:warm-transfer', { to: '+14152225555' })).toMatchObject({ ok: true });
      await core.checksSettled();
      // The reachability reads and the action alike go through the proxy (a tunnel may carry several).
      expect(new Set(guarded.connects)).toEqual(new Set([new URL(sim.url).host]));
      expect(sim.requests().filter((request) => request.method === 'POST')).toHaveLength(1);
      // The log names the proxy, for IT, by its origin alone.
      expect(await readFile(join(dataDir, 'logs', 'handoff.log'), 'utf8')).toContain(`"httpProxy":"${guarded.url}"`);
      for (const file of await listFiles(dataDir)) {
        const text = await readFile(file, 'utf8');
        expect(text).not.toContain(password);
        expect(text).not.toContain(signIn);
      }
    } finally {
      await guarded.close();
    }
  });

  it('runs the demo against its own simulator without touching the agent\'s settings or keychain', async () => {
    expect(await call('app:state')).toEqual({ ok: true, value: { mode: 'live', configured: false, settingsProblems: [], demoAllowed: true } });
    expect(await call('demo:start')).toEqual({ ok: true, value: { mode: 'demo', configured: true, settingsProblems: [], demoAllowed: true } });
    expect(await call('credentials:save', { authId: sim.authId, authToken: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });

    const events: (SessionSnapshot | null)[] = [];
    core.onEvent((e) => {
      if (e.event === 'session:changed') events.push(e.payload);
    });
    expect(await call('session:open', { customer: '(415) 222-4444' })).toMatchObject({ ok: true });
    expect(await call('connection:test')).toMatchObject({ ok: true, value: { nodeName: 'Multi-Party Call_1' } });
    const warm = (await call('call:warm-transfer', { to: '+14152225555' })) as Result<ActionOutcome>;
    expect(warm.ok && warm.value.session.transfer).not.toBeNull();
    expect((await call('call:complete-transfer')).ok).toBe(true);
    expect(events.length).toBeGreaterThan(2);
    // The test's own simulator, the live profile's target, saw nothing.
    expect(sim.requests()).toHaveLength(0);
    // The demo keeps no journal: nothing of it enters the agent's, so nothing of it is restored or listed.
    await expect(readdir(join(dataDir, 'journal'))).rejects.toThrow(/ENOENT/);
    expect(await call('history:list')).toMatchObject({ ok: true, value: { rows: [], skippedLines: 0 } });

    expect(await call('demo:stop')).toEqual({ ok: true, value: { mode: 'live', configured: false, settingsProblems: [], demoAllowed: true } });
    expect(await call('session:get')).toEqual({ ok: true, value: null });
    expect(events.at(-1)).toBeNull();
    expect(await call('credentials:status')).toEqual({ ok: true, value: { set: false, authIdMasked: null } });
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { settings: { phloId: null } } });
  });

  it('keeps a rejected preset in view, in every mode, until the agent dismisses it, and does not offer the demo over it', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ phloId: 'not-a-uuid' }));
    core = await createCore({ catalogDir: CATALOG_DIR, dataDir, env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl }, keychainService: service });
    expect(await core.offersDemo()).toBe(false);
    const state = (await call('app:state')) as Result<AppState>;
    const problems = state.ok ? state.value.settingsProblems : [];
    expect(problems.map(english)).toEqual([expect.stringMatching(/moved .*settings\.json\.bad.*"phloId" is invalid/)]);
    expect(state).toMatchObject({ ok: true, value: { settingsProblems: problems } });
    await call('settings:get');
    expect(await call('demo:start')).toMatchObject({ ok: true, value: { mode: 'demo', settingsProblems: problems } });
    expect(await call('settings:dismiss-problem')).toMatchObject({ ok: true, value: { settingsProblems: [], demoAllowed: true } });
    expect(await call('demo:stop')).toMatchObject({ ok: true, value: { settingsProblems: [], demoAllowed: true } });
  });

  it('answers address:check exactly as the address module does, with the stored country unless the form names one', async () => {
    expect(await call('settings:update', { defaultCountry: 'GB' })).toMatchObject({ ok: true });
    for (const [text, country] of [['020 7946 0018', undefined], ['(415) 222-5555', 'us'], ['(415) 222-5555', undefined], ['', undefined], ['sip:Bob@EXAMPLE.com', undefined]] as const) {
      const payload = country === undefined ? { text } : { text, country };
      expect(await call('address:check', payload), JSON.stringify(payload)).toEqual(parseAddress(text, country?.toUpperCase() ?? 'GB'));
    }
    // Bounded like the actions' own address text, and the country by the settings' own rule.
    expect(await call('address:check', { text: '1'.repeat(257) })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /too long/ } });
    expect(await call('address:check', { text: '020 7946 0018', country: 'ZZ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: countryProblem('ZZ'), detail: { field: 'country' } },
    });
  });

  it('formats the agent\'s stored address for the Settings field, in national form for their country', async () => {
    await configure();
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { settings: { agentAddress: AGENT }, agentDisplayAddress: '(415) 222-3333' } });
    expect(await call('settings:update', { defaultCountry: 'GB' })).toMatchObject({ ok: true, value: { agentDisplayAddress: '+1 415 222 3333' } });
  });

  it('offers the demo on a first run, and keeps the demo\'s settings fixed', async () => {
    expect(await core.offersDemo()).toBe(true);
    await call('demo:start');
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { editable: false } });
    expect(await call('settings:update', { agentAddress: '+14152226666' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('will not start the demo over an open live call', async () => {
    await configure();
    expect(await call('app:state')).toEqual({ ok: true, value: { mode: 'live', configured: true, settingsProblems: [], demoAllowed: true } });
    await call('session:open', { customer: CUSTOMER });
    expect(await call('demo:start')).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('under a policy that turns the demo off, neither offers nor starts it', async () => {
    const policyDir = await tempDir();
    await writeFile(join(policyDir, 'policy.json'), JSON.stringify({ enforced: { allowDemo: false } }));
    core = await createCore({ catalogDir: CATALOG_DIR, dataDir, env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl, HANDOFF_POLICY_DIR: policyDir }, keychainService: service });
    expect(await core.offersDemo()).toBe(false);
    expect(await call('app:state')).toEqual({ ok: true, value: { mode: 'live', configured: false, settingsProblems: [], demoAllowed: false } });
    expect(await call('demo:start')).toEqual({
      ok: false,
      error: { code: 'enforced_by_policy', message: 'Your organization has turned the demo off on this computer.' },
    });
    expect(await call('app:state')).toMatchObject({ ok: true, value: { mode: 'live' } });
  });

  it('refuses a bridge change to an enforced field and leaves settings.json as it was, byte for byte', async () => {
    const policyDir = await tempDir();
    await writeFile(join(policyDir, 'policy.json'), JSON.stringify({ enforced: { phloId: sim.phloId } }));
    await writeFile(join(dataDir, 'settings.json'), '{"nodeId": "c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a"}');
    core = await createCore({ catalogDir: CATALOG_DIR, dataDir, env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl, HANDOFF_POLICY_DIR: policyDir }, keychainService: service });
    const before = await readFile(join(dataDir, 'settings.json'));
    expect(await call('settings:update', { phloId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'enforced_by_policy', detail: { field: 'phloId' } },
    });
    expect(await readFile(join(dataDir, 'settings.json'))).toEqual(before);
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { settings: { phloId: sim.phloId }, enforced: ['phloId'] } });
  });

  async function restartedWithToken(authToken: string): Promise<Simulator> {
    await sim.close();
    const next = await startSimulator({ authToken });
    core = await createCore({ catalogDir: CATALOG_DIR, dataDir, env: { HANDOFF_PHLO_BASE_URL: next.baseUrl, HANDOFF_LOG_LEVEL: 'debug' }, keychainService: service });
    return next;
  }
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}


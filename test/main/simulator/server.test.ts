import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_AUTH_ID,
  startSimulator,
  type Fault,
  type Simulator,
  type SimulatorOptions,
} from '../../../main/simulator/server';
import { fixture } from '../../support/fixtures';

const AGENT = '+14152223333';
const CUSTOMER = '+14152224444';
const COLLEAGUE = '+14152225555';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Asymmetric matchers are typed `any`; held as unknown so object literals stay type-safe.
const ANY_UUID: unknown = expect.stringMatching(UUID);

function fixtureObject(name: string): Record<string, unknown> {
  const value = fixture(name);
  if (typeof value !== 'object' || value === null) throw new Error(`${name} is not an object`);
  return { ...value };
}

const open: Simulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((simulator) => simulator.close()));
});

async function start(options?: SimulatorOptions): Promise<Simulator> {
  const simulator = await startSimulator(options);
  open.push(simulator);
  return simulator;
}

function like(matcher: unknown): unknown {
  return matcher;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function nodePath(sim: Simulator): string {
  return `/v1/phlo/${sim.phloId}/multi_party_call/${sim.nodeId}`;
}

function memberPath(sim: Simulator, encodedAddress: string): string {
  return `${nodePath(sim)}/members/${encodedAddress}`;
}

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

interface Send {
  method?: string;
  body?: unknown;
  rawBody?: string;
  authorization?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function call(sim: Simulator, path: string, send: Send = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...send.headers };
  const authorization = send.authorization === undefined ? basic(sim.authId, sim.authToken) : send.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const body = send.rawBody ?? (send.body === undefined ? undefined : JSON.stringify(send.body));
  const method = send.method ?? (body === undefined ? 'GET' : 'POST');
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = body;
  if (send.signal !== undefined) init.signal = send.signal;
  const response = await fetch(`${sim.url}${path}`, init);
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // Left undefined: some tests expect bodies that are not JSON.
  }
  return { status: response.status, headers: response.headers, text, json };
}

function nodeAction(sim: Simulator, action: string, to: string, role = 'agent', triggerSource = AGENT): Promise<Reply> {
  return call(sim, nodePath(sim), { body: { action, to, role, trigger_source: triggerSource } });
}

function memberAction(sim: Simulator, address: string, action: string): Promise<Reply> {
  return call(sim, memberPath(sim, encodeURIComponent(address)), { body: { action } });
}

function expectPhloError(reply: Reply, status: number, error: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/json');
  expect(reply.json).toEqual({ api_id: ANY_UUID, error });
}

function expectCreated(reply: Reply): void {
  expect(reply.status).toBe(201);
  expect(Object.keys(reply.json as object).sort()).toEqual(Object.keys(fixtureObject('action.201.json')).sort());
  expect(reply.json).toEqual({ api_id: ANY_UUID, error: '' });
}

function states(sim: Simulator): Record<string, string> {
  return Object.fromEntries(sim.calls().flatMap((c) => c.members.map((m) => [m.address, m.state])));
}

function lastRequest(sim: Simulator): ReturnType<Simulator['requests']>[number] {
  const last = sim.requests().at(-1);
  if (last === undefined) throw new Error('no request recorded');
  return last;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      resolve(false);
    });
    probe.listen(port, '127.0.0.1', () => {
      probe.close(() => {
        resolve(true);
      });
    });
  });
}

describe('startSimulator', () => {
  it('listens on 127.0.0.1 with the default account and a fresh token each start', async () => {
    const first = await start();
    const second = await start();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.baseUrl).toBe(`${first.url}/v1/`);
    expect(first.authId).toBe(DEFAULT_AUTH_ID);
    expect(first.authId).toMatch(/^MA[0-9A-Z]{18}$/);
    expect(first.authToken).toMatch(/^[0-9a-f]{32}$/);
    expect(second.authToken).not.toBe(first.authToken);
    expect(first.phloId).toBe(fixtureObject('node.200.json').phlo_id);
    expect(first.nodeId).toBe(fixtureObject('node.200.json').node_id);
  });

  it('takes the account and flow it is given', async () => {
    const sim = await start({ authId: 'SAABCDEFGHIJKLMNOPQR', authToken: 'secret', phloId: 'p-1', nodeId: 'n-1' });
    const reply = await call(sim, '/v1/phlo/p-1/multi_party_call/n-1', { authorization: basic('SAABCDEFGHIJKLMNOPQR', 'secret') });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ phlo_id: 'p-1', node_id: 'n-1' });
  });
});

describe('PHLO API', () => {
  it('reads the node in the fixture shape, with a fresh api_id', async () => {
    const sim = await start();
    const reply = await call(sim, nodePath(sim));
    const expected = fixtureObject('node.200.json');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ...expected, api_id: ANY_UUID });
    expect((reply.json as Record<string, unknown>).api_id).not.toBe(expected.api_id);
  });

  it('accepts the fixture warm transfer request and answers in the fixture shape', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    const reply = await call(sim, nodePath(sim), { body: fixtureObject('warm-transfer.request.json') });
    expectCreated(reply);
    expect(sim.calls()[0]?.transfer).toEqual({ agent: AGENT, target: COLLEAGUE });
    expect(states(sim)).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'on_hold', [COLLEAGUE]: 'consulting' });
    expect(lastRequest(sim)).toMatchObject({ status: 201, applied: true });
  });

  it('answers 400 in the fixture shape', async () => {
    const sim = await start();
    const reply = await call(sim, nodePath(sim), { body: { action: 'call', role: 'agent', trigger_source: AGENT } });
    expectPhloError(reply, 400, 'to is a mandatory param.');
    expect(Object.keys(reply.json as object).sort()).toEqual(Object.keys(fixtureObject('error.400.json')).sort());
    expect(lastRequest(sim)).toMatchObject({ status: 400, applied: false });
  });

  const valid = { action: 'call', to: COLLEAGUE, role: 'agent', trigger_source: AGENT };
  it.each([
    ['not JSON', 'action=call', 'Invalid JSON body.'],
    ['an empty body', '', 'Invalid JSON body.'],
    ['an array', '[]', 'Invalid JSON body.'],
    ['JSON null', 'null', 'Invalid JSON body.'],
    ['no action', JSON.stringify({ ...valid, action: undefined }), 'action is a mandatory param.'],
    ['an empty action', JSON.stringify({ ...valid, action: '' }), 'action is a mandatory param.'],
    ['an unknown action', JSON.stringify({ ...valid, action: 'hold' }), 'Invalid value provided for action.'],
    ['a numeric action', JSON.stringify({ ...valid, action: 1 }), 'Invalid value provided for action.'],
    ['no to', JSON.stringify({ ...valid, to: undefined }), 'to is a mandatory param.'],
    ['a national number', JSON.stringify({ ...valid, to: '4152225555' }), 'Invalid value provided for to.'],
    ['a bare SIP user', JSON.stringify({ ...valid, to: 'alice@phone.plivo.com' }), 'Invalid value provided for to.'],
    ['no role', JSON.stringify({ ...valid, role: undefined }), 'role is a mandatory param.'],
    ['an unknown role', JSON.stringify({ ...valid, role: 'supervisor' }), 'Invalid value provided for role.'],
    ['no trigger_source', JSON.stringify({ ...valid, trigger_source: undefined }), 'trigger_source is a mandatory param.'],
    ['a bad trigger_source', JSON.stringify({ ...valid, trigger_source: '+0' }), 'Invalid value provided for trigger_source.'],
    ['no action and no to', JSON.stringify({ role: 'agent' }), 'action is a mandatory param.'],
    ['no live call', JSON.stringify(valid), `No active call found for ${AGENT}.`],
  ])('refuses a node action with %s', async (_case, rawBody, error) => {
    const sim = await start();
    expectPhloError(await call(sim, nodePath(sim), { rawBody }), 400, error);
  });

  it.each([
    ['not JSON', '{', 'Invalid JSON body.'],
    ['no action', '{}', 'action is a mandatory param.'],
    ['a node action', '{"action": "call"}', 'Invalid value provided for action.'],
    ['no live call', '{"action": "hold"}', `No active call found for ${COLLEAGUE}.`],
  ])('refuses a member action with %s', async (_case, rawBody, error) => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    expectPhloError(await call(sim, memberPath(sim, encodeURIComponent(COLLEAGUE)), { rawBody }), 400, error);
  });

  it('refuses an action that makes no sense in the current state, changing nothing', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    expectPhloError(await memberAction(sim, CUSTOMER, 'unhold'), 400, `Member ${CUSTOMER} is not on hold.`);
    expectPhloError(await nodeAction(sim, 'call', CUSTOMER), 400, `Member ${CUSTOMER} is already on a live call.`);
    expect(states(sim)).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected' });
    expect(sim.requests().map((r) => r.applied)).toEqual([false, false]);
  });

  it('runs a warm transfer to its end through HTTP', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    expectCreated(await nodeAction(sim, 'warm_transfer', COLLEAGUE));
    expectPhloError(
      await memberAction(sim, CUSTOMER, 'unhold'),
      400,
      `Member ${CUSTOMER} is held by the warm transfer under way; complete, abort or resume the transfer first.`,
    );
    expectCreated(await memberAction(sim, AGENT, 'hangup'));
    expect(sim.calls()).toEqual([
      {
        id: 'call-1',
        members: [
          { address: AGENT, role: 'agent', state: 'left' },
          { address: CUSTOMER, role: 'customer', state: 'connected' },
          { address: COLLEAGUE, role: 'agent', state: 'connected' },
        ],
        transfer: null,
      },
    ]);
  });

  it.each([
    ['an encoded E.164 number', AGENT, '%2B14152223333'],
    ['a raw E.164 number', AGENT, '+14152223333'],
    ['an encoded SIP URI', 'sip:alice@phone.plivo.com', 'sip%3Aalice%40phone.plivo.com'],
    ['a raw SIP URI', 'sip:alice@phone.plivo.com', 'sip:alice@phone.plivo.com'],
  ])('decodes %s in the member path', async (_case, address, segment) => {
    const sim = await start();
    sim.createCall(address, CUSTOMER);
    expectCreated(await call(sim, memberPath(sim, segment), { body: { action: 'hold' } }));
    expect(states(sim)[address]).toBe('on_hold');
    expect(lastRequest(sim).path).toBe(memberPath(sim, segment));
  });

  describe('authentication', () => {
    it.each([
      ['no Authorization header', null],
      ['a wrong token', 'wrong'],
      ['a wrong Auth ID', 'id'],
      ['a non-Basic scheme', 'bearer'],
    ])('answers 401 to %s, without applying the action', async (_case, kind) => {
      const sim = await start();
      sim.createCall(AGENT, CUSTOMER);
      const authorization =
        kind === null
          ? null
          : kind === 'wrong'
            ? basic(sim.authId, 'not-the-token')
            : kind === 'id'
              ? basic('MAOTHERACCOUNT0000001', sim.authToken)
              : `Bearer ${sim.authToken}`;
      const reply = await call(sim, memberPath(sim, '%2B14152224444'), { body: { action: 'hold' }, authorization });
      expectPhloError(reply, 401, 'Authentication failed: check the Auth ID and Auth Token.');
      expect(states(sim)[CUSTOMER]).toBe('connected');
      expect(lastRequest(sim)).toMatchObject({ status: 401, applied: false });
    });

    it('is checked before the path, like Plivo', async () => {
      const sim = await start();
      expect((await call(sim, '/v1/nothing', { authorization: null })).status).toBe(401);
    });
  });

  describe('404', () => {
    it.each([
      ['an unknown PHLO', (sim: Simulator) => `/v1/phlo/00000000-0000-0000-0000-000000000000/multi_party_call/${sim.nodeId}`, 'GET'],
      ['an unknown node', (sim: Simulator) => `/v1/phlo/${sim.phloId}/multi_party_call/00000000-0000-0000-0000-000000000000`, 'GET'],
      ['another /v1/ path', () => '/v1/account/MAHANDOFFSIMULATOR01/phlo/x', 'POST'],
      ['a trailing segment', (sim: Simulator) => `${memberPath(sim, '%2B14152223333')}/extra`, 'POST'],
      ['an empty member', (sim: Simulator) => `${nodePath(sim)}/members/`, 'POST'],
      ['a bad percent-encoding', (sim: Simulator) => memberPath(sim, '%E0%A4%A'), 'POST'],
      ['PUT on the node', (sim: Simulator) => nodePath(sim), 'PUT'],
      ['DELETE on the node', (sim: Simulator) => nodePath(sim), 'DELETE'],
      ['GET on a member', (sim: Simulator) => memberPath(sim, '%2B14152223333'), 'GET'],
      ['a path outside /v1/', () => '/phlo', 'GET'],
    ])('answers {} to %s', async (_case, path, method) => {
      const sim = await start();
      sim.createCall(AGENT, CUSTOMER);
      const send: Send = method === 'GET' || method === 'DELETE' ? { method } : { method, body: { action: 'hold' } };
      const reply = await call(sim, path(sim), send);
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({});
      expect(states(sim)).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected' });
    });
  });
});

describe('recorded requests', () => {
  it('keep method, raw path, lower-cased headers, raw and parsed body, time and outcome, in order', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    const before = Date.now();
    const rawBody = '{ "action" : "hold" }';
    await call(sim, `${memberPath(sim, '%2B14152224444')}?x=1`, { rawBody, headers: { 'X-Request-Tag': 'first' } });
    await call(sim, nodePath(sim));
    const [hold, read, ...rest] = sim.requests();
    expect(rest).toEqual([]);
    expect(hold).toEqual({
      method: 'POST',
      path: `${memberPath(sim, '%2B14152224444')}?x=1`,
      headers: like(expect.objectContaining({
        authorization: basic(sim.authId, sim.authToken),
        'content-type': 'application/json',
        accept: 'application/json',
        'x-request-tag': 'first',
      })),
      rawBody,
      body: { action: 'hold' },
      receivedAt: like(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)),
      status: 201,
      applied: true,
    });
    expect(Date.parse(hold?.receivedAt ?? '')).toBeGreaterThanOrEqual(before - 5);
    expect(read).toMatchObject({ method: 'GET', path: nodePath(sim), rawBody: '', body: null, status: 200, applied: false });
  });

  it('record bodies that are not JSON as null, next to the raw text', async () => {
    const sim = await start();
    await call(sim, nodePath(sim), { rawBody: 'action=call' });
    expect(lastRequest(sim)).toMatchObject({ rawBody: 'action=call', body: null, status: 400 });
  });

  it('include unauthorized and unknown-path requests but not control or other requests', async () => {
    const sim = await start();
    await call(sim, '/v1/unknown', { authorization: null });
    await call(sim, '/v1/unknown');
    await call(sim, '/_sim/calls');
    await call(sim, '/elsewhere');
    expect(sim.requests().map((r) => [r.path, r.status])).toEqual([
      ['/v1/unknown', 401],
      ['/v1/unknown', 404],
    ]);
  });

  it('are handed out as copies and can be cleared', async () => {
    const sim = await start();
    await call(sim, nodePath(sim));
    const copy = sim.requests();
    if (copy[0] === undefined) throw new Error('no request');
    copy[0].headers.authorization = 'changed';
    expect(sim.requests()[0]?.headers.authorization).toBe(basic(sim.authId, sim.authToken));
    sim.clearRequests();
    expect(sim.requests()).toEqual([]);
  });
});

describe('faults', () => {
  it('delay: applies the action at once and answers after the delay', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'delay', ms: 1500 });
    const startedAt = Date.now();
    const pending = memberAction(sim, CUSTOMER, 'hold');
    await expect.poll(() => states(sim)[CUSTOMER]).toBe('on_hold');
    // Applied while the answer is still held back: the status is not written yet.
    expect(lastRequest(sim)).toMatchObject({ applied: true, status: null });
    expectCreated(await pending);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1490);
    expect(lastRequest(sim)).toMatchObject({ status: 201, applied: true });
  });

  it('delay: validates as usual, so a refused action stays refused', async () => {
    const sim = await start();
    sim.injectFault({ kind: 'delay', ms: 50 });
    expectPhloError(await memberAction(sim, CUSTOMER, 'hold'), 400, `No active call found for ${CUSTOMER}.`);
  });

  it('delay: survives a client that gave up waiting', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'delay', ms: 1500 });
    const giveUp = new AbortController();
    const request = call(sim, memberPath(sim, '%2B14152224444'), { body: { action: 'hold' }, signal: giveUp.signal });
    // Give up only once the simulator has read and applied the request.
    await expect.poll(() => sim.requests()[0]?.applied).toBe(true);
    giveUp.abort();
    await expect(request).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(sim.requests()[0]).toMatchObject({ applied: true, status: null });
    expectCreated(await memberAction(sim, CUSTOMER, 'unhold'));
  });

  it('reset before the body: the request fails and nothing is applied', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'reset', when: 'before_body' });
    await expect(memberAction(sim, CUSTOMER, 'hold')).rejects.toThrow();
    expect(states(sim)[CUSTOMER]).toBe('connected');
    expect(lastRequest(sim)).toMatchObject({ method: 'POST', rawBody: null, body: null, status: null, applied: false });
    expectCreated(await memberAction(sim, CUSTOMER, 'hold'));
  });

  it('reset after the body: the request fails although the action was applied', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'reset', when: 'after_body' });
    await expect(nodeAction(sim, 'warm_transfer', COLLEAGUE)).rejects.toThrow();
    expect(sim.calls()[0]?.transfer).toEqual({ agent: AGENT, target: COLLEAGUE });
    expect(lastRequest(sim)).toMatchObject({ body: { action: 'warm_transfer' }, status: null, applied: true });
    // A resend is what the retry-safety rule forbids: it would be refused here.
    expectPhloError(await nodeAction(sim, 'warm_transfer', COLLEAGUE), 400, 'A transfer is already under way on this call.');
  });

  it('status: answers in the documented shape without applying the action', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'status', status: 503 });
    expectPhloError(await memberAction(sim, CUSTOMER, 'hold'), 503, 'Service Unavailable.');
    expect(states(sim)[CUSTOMER]).toBe('connected');
    expect(lastRequest(sim)).toMatchObject({ status: 503, applied: false, body: { action: 'hold' } });
  });

  it.each([
    [500, 'Internal Server Error.'],
    [403, 'PHLO is not enabled for this account.'],
    [401, 'Authentication failed: check the Auth ID and Auth Token.'],
  ])('status %i: has a sensible error text', async (status, error) => {
    const sim = await start();
    sim.injectFault({ kind: 'status', status });
    expectPhloError(await call(sim, nodePath(sim)), status, error);
  });

  it('status 404: answers {}', async () => {
    const sim = await start();
    sim.injectFault({ kind: 'status', status: 404 });
    const reply = await call(sim, nodePath(sim));
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({});
  });

  it('status 2xx: answers like a success, whose action was not applied', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'status', status: 201 });
    expectCreated(await memberAction(sim, CUSTOMER, 'hold'));
    expect(states(sim)[CUSTOMER]).toBe('connected');
  });

  it('status 429: sends Retry-After only when the fault gives one', async () => {
    const sim = await start();
    sim.injectFault({ kind: 'status', status: 429 });
    sim.injectFault({ kind: 'status', status: 429, headers: { 'Retry-After': '3' } });
    const bare = await call(sim, nodePath(sim));
    expectPhloError(bare, 429, 'Too many requests: the account allows 300 requests per 5 seconds.');
    expect(bare.headers.get('retry-after')).toBeNull();
    const told = await call(sim, nodePath(sim));
    expect(told.status).toBe(429);
    expect(told.headers.get('retry-after')).toBe('3');
  });

  it('status with a body: sends that body verbatim', async () => {
    const sim = await start();
    sim.injectFault({ kind: 'status', status: 201, body: '{"api_id": "x", "error": "PHLO not deployed"}' });
    const reply = await call(sim, nodePath(sim));
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('{"api_id": "x", "error": "PHLO not deployed"}');
  });

  it('html: a proxy page, 502 unless told otherwise', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'html' });
    sim.injectFault({ kind: 'html', status: 504 });
    const first = await memberAction(sim, CUSTOMER, 'hold');
    expect(first.status).toBe(502);
    expect(first.headers.get('content-type')).toBe('text/html');
    expect(first.text).toContain('<title>502 Bad Gateway</title>');
    expect(first.json).toBeUndefined();
    const second = await memberAction(sim, CUSTOMER, 'hold');
    expect(second.status).toBe(504);
    expect(second.text).toContain('504 Gateway Timeout');
    expect(states(sim)[CUSTOMER]).toBe('connected');
  });

  it('malformed: truncated JSON, 201 unless told otherwise', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'malformed' });
    sim.injectFault({ kind: 'malformed', status: 200 });
    const first = await memberAction(sim, CUSTOMER, 'hold');
    expect(first.status).toBe(201);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(first.text) as unknown).toThrow(SyntaxError);
    expect((await memberAction(sim, CUSTOMER, 'hold')).status).toBe(200);
    expect(states(sim)[CUSTOMER]).toBe('connected');
  });

  it('empty: no body, 200 unless told otherwise', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    sim.injectFault({ kind: 'empty' });
    sim.injectFault({ kind: 'empty', status: 201 });
    const first = await memberAction(sim, CUSTOMER, 'hold');
    expect(first.status).toBe(200);
    expect(first.text).toBe('');
    const second = await memberAction(sim, CUSTOMER, 'hold');
    expect(second.status).toBe(201);
    expect(second.text).toBe('');
    expect(states(sim)[CUSTOMER]).toBe('connected');
  });

  it('times: a fault applies to that many requests, then the next fault or none', async () => {
    const sim = await start();
    sim.injectFault({ kind: 'status', status: 500, times: 2 });
    sim.injectFault({ kind: 'empty' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(sim, nodePath(sim))).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
    expect((await call(sim, nodePath(sim))).text).not.toBe('');
  });

  it('are consumed by unauthorized requests too, and never by control requests', async () => {
    const sim = await start();
    sim.injectFault({ kind: 'status', status: 500 });
    expect((await call(sim, '/_sim/calls')).status).toBe(200);
    expect((await call(sim, nodePath(sim), { authorization: null })).status).toBe(500);
    expect((await call(sim, nodePath(sim), { authorization: null })).status).toBe(401);
  });

  it('can be cleared', async () => {
    const sim = await start();
    sim.injectFault({ kind: 'status', status: 500, times: 5 });
    sim.clearFaults();
    expect((await call(sim, nodePath(sim))).status).toBe(200);
  });

  it.each([
    ['an unknown kind', { kind: 'timeout' }],
    ['a negative delay', { kind: 'delay', ms: -1 }],
    ['a 1xx status', { kind: 'status', status: 100 }],
    ['zero times', { kind: 'empty', times: 0 }],
    ['an unknown key', { kind: 'empty', time: 2 }],
    ['a bad reset point', { kind: 'reset', when: 'during' }],
    ['a header name with a space', { kind: 'status', status: 429, headers: { 'Retry After': '1' } }],
  ])('refuses %s', async (_case, fault) => {
    const sim = await start();
    expect(() => {
      sim.injectFault(fault as Fault);
    }).toThrow(/^Invalid fault/);
    const reply = await call(sim, '/_sim/faults', { body: fault });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: like(expect.stringMatching(/^Invalid fault/)) });
    expect((await call(sim, nodePath(sim))).status).toBe(200);
  });
});

describe('control endpoint', () => {
  it('starts, lists and refuses calls', async () => {
    const sim = await start();
    const created = await call(sim, '/_sim/calls', { body: { agent: AGENT, customer: CUSTOMER }, authorization: null });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: 'call-1',
      members: [
        { address: AGENT, role: 'agent', state: 'connected' },
        { address: CUSTOMER, role: 'customer', state: 'connected' },
      ],
      transfer: null,
    });
    expect((await call(sim, '/_sim/calls', { authorization: null })).json).toEqual([created.json]);
    expect(sim.calls()).toEqual([created.json]);

    const busy = await call(sim, '/_sim/calls', { body: { agent: COLLEAGUE, customer: CUSTOMER } });
    expect(busy.status).toBe(400);
    expect(busy.json).toEqual({ error: `Member ${CUSTOMER} is already on a live call.` });
    const bad = await call(sim, '/_sim/calls', { body: { agent: AGENT } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: like(expect.stringContaining('"customer"')) });
    const notAddress = await call(sim, '/_sim/calls', { body: { agent: 'alice', customer: COLLEAGUE } });
    expect(notAddress.json).toEqual({ error: '"alice" is not an E.164 number or a sip: URI.' });
  });

  it('lists and clears recorded requests, and is never recorded itself', async () => {
    const sim = await start();
    await call(sim, nodePath(sim));
    const listed = await call(sim, '/_sim/requests');
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual(sim.requests());
    expect(sim.requests()).toHaveLength(1);
    const cleared = await call(sim, '/_sim/requests', { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(sim.requests()).toEqual([]);
  });

  it('injects and clears faults', async () => {
    const sim = await start();
    expect((await call(sim, '/_sim/faults', { body: { kind: 'status', status: 500, times: 2 } })).status).toBe(204);
    expect((await call(sim, nodePath(sim))).status).toBe(500);
    expect((await call(sim, '/_sim/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await call(sim, nodePath(sim))).status).toBe(200);
  });

  it('resets calls, requests and faults', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    await call(sim, nodePath(sim));
    sim.injectFault({ kind: 'status', status: 500 });
    expect((await call(sim, '/_sim/reset', { method: 'POST' })).status).toBe(204);
    expect(sim.calls()).toEqual([]);
    expect(sim.requests()).toEqual([]);
    expect((await call(sim, nodePath(sim))).status).toBe(200);
    sim.reset();
    expect(sim.requests()).toEqual([]);
  });

  it('answers 404 to an unknown control request', async () => {
    const sim = await start();
    const reply = await call(sim, '/_sim/calls', { method: 'DELETE' });
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: 'There is no control endpoint DELETE /_sim/calls.' });
  });
});

describe('createCall', () => {
  it('throws when a member is already on a live call', async () => {
    const sim = await start();
    sim.createCall(AGENT, CUSTOMER);
    expect(() => sim.createCall(COLLEAGUE, AGENT)).toThrow(`Member ${AGENT} is already on a live call.`);
    expect(sim.calls()).toHaveLength(1);
  });
});

describe('close', () => {
  it('frees the port and can be called again', async () => {
    const sim = await startSimulator();
    const port = Number(new URL(sim.url).port);
    await call(sim, nodePath(sim));
    expect(await portIsFree(port)).toBe(false);
    const first = sim.close();
    const second = sim.close();
    await Promise.all([first, second]);
    await sim.close();
    expect(await portIsFree(port)).toBe(true);
    await expect(fetch(`${sim.url}/_sim/calls`)).rejects.toThrow();
  });

  it('does not wait for a delayed answer', async () => {
    const sim = await startSimulator();
    sim.injectFault({ kind: 'delay', ms: 10_000 });
    const pending = call(sim, nodePath(sim));
    await expect.poll(() => sim.requests().length).toBe(1);
    const startedAt = Date.now();
    await sim.close();
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    await expect(pending).rejects.toThrow();
  });
});

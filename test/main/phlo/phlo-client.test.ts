import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ofetch } from 'ofetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log/logger';
import { createPhloClient, type PhloTarget } from '../../../main/phlo/phlo-client';
import { failureFromAnswer, failureFromError, mayHaveHappened } from '../../../main/phlo/request-outcome';
import { startSimulator, type Simulator } from '../../../main/simulator/server';
import { fixture } from '../../support/fixtures';
import { freePort } from '../../support/free-port';
import { startTlsServer } from '../../support/tls-server';
import { english } from '../../support/english';

const AGENT = '+14152223333';
const CUSTOMER = '+14152224444';
const TARGET = '+14152225555';

let sim: Simulator;
let target: PhloTarget;
const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });
const client = createPhloClient(ofetch, logger);

beforeEach(async () => {
  sim = await startSimulator();
  target = {
    baseUrl: sim.baseUrl,
    phloId: sim.phloId,
    nodeId: sim.nodeId,
    authId: sim.authId,
    authToken: sim.authToken,
    timeoutMs: 2000,
  };
  sim.createCall(AGENT, CUSTOMER);
});
afterEach(() => sim.close());

const warm = () => client.nodeAction(target, { action: 'warm_transfer', to: TARGET, role: 'agent', triggerSource: AGENT });

describe('requests as Plivo documents them', () => {
  it('sends a warm transfer exactly as the reference example', async () => {
    const result = await warm();
    expect(result.ok).toBe(true);
    const [request, ...others] = sim.requests();
    expect(others).toHaveLength(0);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/v1/phlo/${sim.phloId}/multi_party_call/${sim.nodeId}`);
    expect(request?.headers['authorization']).toBe(
      `Basic ${Buffer.from(`${sim.authId}:${sim.authToken}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['accept']).toBe('application/json');
    expect(JSON.parse(request?.rawBody ?? '')).toStrictEqual(fixture('warm-transfer.request.json'));
  });

  it('returns the api_id of an accepted action', async () => {
    const result = await warm();
    expect(result.ok && result.value.apiId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('percent-encodes a number in the member path and keeps a SIP URI readable', async () => {
    await client.memberAction(target, AGENT, 'hold');
    await client.memberAction(target, 'sip:alice123@phone.plivo.com', 'hold');
    const paths = sim.requests().map((r) => r.path);
    expect(paths[0]).toBe(`/v1/phlo/${sim.phloId}/multi_party_call/${sim.nodeId}/members/%2B14152223333`);
    expect(paths[1]).toBe(`/v1/phlo/${sim.phloId}/multi_party_call/${sim.nodeId}/members/sip:alice123@phone.plivo.com`);
    expect(JSON.parse(sim.requests()[0]?.rawBody ?? '')).toStrictEqual({ action: 'hold' });
  });

  it('reads the node for "Test connection"', async () => {
    const node = fixture('node.200.json') as { name: string; node_type: string };
    const result = await client.readNode(target);
    expect(result.ok && { name: result.value.name, nodeType: result.value.nodeType }).toEqual({ name: node.name, nodeType: node.node_type });
    expect(sim.requests()[0]?.method).toBe('GET');
  });
});

describe('every outcome maps to one code, and nothing is ever resent', () => {
  afterEach(() => {
    // The retry rule: whatever happened, Plivo saw at most the one request.
    expect(sim.requests().length).toBeLessThanOrEqual(1);
  });

  it('401 -> invalid_credentials', async () => {
    const result = await client.readNode({ ...target, authToken: 'wrong-token' });
    expect(result.ok || result.error.code).toBe('invalid_credentials');
  });

  it('403 -> forbidden', async () => {
    sim.injectFault({ kind: 'status', status: 403 });
    const result = await warm();
    expect(result.ok || result.error.code).toBe('forbidden');
  });

  it('404 -> not_found, for an unknown PHLO', async () => {
    const result = await client.readNode({ ...target, phloId: '00000000-0000-4000-8000-000000000000' });
    expect(result.ok || result.error.code).toBe('not_found');
  });

  it('400 -> rejected, with Plivo\'s text and api_id kept verbatim', async () => {
    const result = await client.memberAction(target, '+14152229999', 'hold');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('rejected');
    expect(result.error.detail?.plivoError).toBe('No active call found for +14152229999.');
    expect(english(result.error.message)).toContain('No active call found for +14152229999.');
    expect(result.error.detail?.apiId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the documented 400 body -> rejected with "to is a mandatory param."', async () => {
    const body = JSON.stringify(fixture('error.400.json'));
    sim.injectFault({ kind: 'status', status: 400, body });
    const result = await warm();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'rejected',
      detail: { plivoError: 'to is a mandatory param.', apiId: '97ceeb52-58b6-11e1-86da-77300b68f8bb', status: 400 },
    });
  });

  it('a 2xx with a non-empty error -> rejected, with the real status kept', async () => {
    sim.injectFault({ kind: 'status', status: 201, body: '{"api_id":"a1","error":"Invalid value provided for to."}' });
    const result = await warm();
    expect(result.ok || result.error).toMatchObject({ code: 'rejected', detail: { plivoError: 'Invalid value provided for to.', status: 201 } });
  });

  it('a node read whose 200 carries an error -> rejected, so "Test connection" never shows a false success', async () => {
    sim.injectFault({ kind: 'status', status: 200, body: '{"api_id":"a2","error":"PHLO is not deployed.","node_type":"multi_party_call","name":"x"}' });
    const result = await client.readNode(target);
    expect(result.ok || result.error.code).toBe('rejected');
  });

  it('a node that is not a multi-party call node -> unexpected_response', async () => {
    sim.injectFault({ kind: 'status', status: 200, body: '{"api_id":"a3","name":"Play audio","node_type":"play_audio"}' });
    const result = await client.readNode(target);
    expect(result.ok || result.error.code).toBe('unexpected_response');
  });

  it('a malformed member address -> invalid_address, and nothing is sent', async () => {
    for (const member of ['', '4152223333', 'sip:alice', '+1/../../x']) {
      const result = await client.memberAction(target, member, 'hangup');
      expect(result.ok || result.error.code).toBe('invalid_address');
    }
    expect(sim.requests()).toHaveLength(0);
  });

  it('an empty 503 from Plivo -> plivo_unavailable; a proxy\'s 502 page -> proxy_refused, which may have reached Plivo', async () => {
    sim.injectFault({ kind: 'status', status: 503, body: '' });
    expect(await warm()).toMatchObject({ ok: false, error: { code: 'plivo_unavailable' } });
    sim.clearRequests();
    sim.injectFault({ kind: 'html', status: 502 });
    const result = await warm();
    expect(result.ok || result.error).toMatchObject({ code: 'proxy_refused', detail: { status: 502, proxyForwarded: true } });
    expect(result.ok || mayHaveHappened(result.error)).toBe(true);
    expect(result.ok || english(result.error.message)).toMatch(/may have reached Plivo/);
  });

  it('Plivo\'s own JSON 502 passed on by a proxy (with Via) -> plivo_unavailable, not the proxy\'s', async () => {
    sim.injectFault({ kind: 'status', status: 502, headers: { Via: '1.1 squid' } });
    expect(await warm()).toMatchObject({ ok: false, error: { code: 'plivo_unavailable' } });
  });

  it('an empty 504 that a proxy signed with Via -> proxy_refused, which may have reached Plivo', async () => {
    sim.injectFault({ kind: 'status', status: 504, body: '', headers: { Via: '1.1 corp-proxy' } });
    const result = await warm();
    expect(result.ok || result.error).toMatchObject({ code: 'proxy_refused', detail: { proxyForwarded: true } });
  });

  it('a 407 answer -> proxy_refused, and nothing reached Plivo', () => {
    // Chromium hands the 407 itself over when nobody signs in. Node's fetch never does: by the Fetch
    // standard a 407 outside a window is a bare network error, which stays "may have reached Plivo".
    const answer = { status: 407, text: '<html>Proxy authorization required</html>', retryAfter: null, via: null };
    const result = failureFromAnswer(answer, 'action');
    expect(result.ok || result.error).toMatchObject({ code: 'proxy_refused', detail: { status: 407 } });
    expect(result.ok || mayHaveHappened(result.error)).toBe(false);
    expect(result.ok || english(result.error.message)).toMatch(/sign-in .*Nothing was sent/);
  });

  it('429 -> rate_limited, reading Retry-After', async () => {
    sim.injectFault({ kind: 'status', status: 429, headers: { 'Retry-After': '7' } });
    const result = await warm();
    expect(result.ok || result.error).toMatchObject({ code: 'rate_limited', detail: { retryAfterSeconds: 7 } });
  });

  it('429 without Retry-After -> rate_limited with no wait given', async () => {
    sim.injectFault({ kind: 'status', status: 429 });
    const result = await warm();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.detail?.retryAfterSeconds).toBeUndefined();
  });

  it.each([500, 502, 503])('%i -> plivo_unavailable, and the agent is told it may have happened', async (status) => {
    sim.injectFault({ kind: 'status', status });
    const result = await warm();
    expect(result.ok || result.error.code).toBe('plivo_unavailable');
    if (!result.ok) expect(english(result.error.message)).toMatch(/may have reached Plivo/);
  });

  it('no answer in time -> timeout, after the simulator read and applied the request once', async () => {
    sim.injectFault({ kind: 'delay', ms: 3000 });
    const result = await client.nodeAction({ ...target, timeoutMs: 1000 }, { action: 'warm_transfer', to: TARGET, role: 'agent', triggerSource: AGENT });
    expect(result.ok || result.error.code).toBe('timeout');
    if (!result.ok) expect(english(result.error.message)).toMatch(/within 1 second\. .*may have reached Plivo/);
    await expect.poll(() => sim.requests()[0]?.applied).toBe(true);
    expect(sim.requests()).toHaveLength(1);
  });

  it('a connection reset after the body was read -> timeout (it may have happened), not resent', async () => {
    sim.injectFault({ kind: 'reset', when: 'after_body' });
    const result = await warm();
    expect(result.ok || result.error.code).toBe('timeout');
    await expect.poll(() => sim.requests()[0]?.applied).toBe(true);
    expect(sim.requests()).toHaveLength(1);
  });

  it('a connection reset before the body was read -> timeout too: the client cannot tell', async () => {
    sim.injectFault({ kind: 'reset', when: 'before_body' });
    const result = await warm();
    expect(result.ok || result.error.code).toBe('timeout');
  });

  it.each([
    ['a proxy\'s HTML page', { kind: 'html', status: 200 } as const, /a web page/],
    ['a malformed JSON body', { kind: 'malformed' } as const, /not Plivo's/],
    ['an empty body', { kind: 'empty', status: 201 } as const, /empty answer/],
    ['JSON without api_id', { kind: 'status', status: 201, body: '{"error":""}' } as const, /not Plivo's/],
  ])('%s -> unexpected_response', async (_name, fault, wording) => {
    sim.injectFault(fault);
    const result = await warm();
    expect(result.ok || result.error.code).toBe('unexpected_response');
    if (!result.ok) expect(english(result.error.message)).toMatch(wording);
  });
});

describe('a request that never left is "not sent", each way it can fail to leave', () => {
  // Every one of these fails before a connection carries a byte of the request, so the agent may
  // safely try again: the code must be one the session does not ask "Did it go through?" about.
  async function neverSent(baseUrl: string) {
    const result = await client.nodeAction({ ...target, baseUrl }, { action: 'warm_transfer', to: TARGET, role: 'agent', triggerSource: AGENT });
    if (result.ok) throw new Error('the request succeeded');
    expect(result.error.code).toBe('network');
    expect(mayHaveHappened(result.error)).toBe(false);
    expect(english(result.error.message)).toMatch(/Nothing was sent\./);
    // Words for the agent: the host and the library's code are under Details, not in the sentence.
    expect(english(result.error.message)).not.toMatch(/127\.0\.0\.1|:\d{2,5}\b|\bE[A-Z]{4,}|ERR_|invalid\b/);
    expect(sim.requests()).toHaveLength(0);
    return result.error;
  }

  it('port 9, which fetch refuses before connecting ("bad port", a TypeError with no code)', async () => {
    const error = await neverSent('http://127.0.0.1:9/v1/');
    expect(error.detail).toEqual({ host: '127.0.0.1:9', cause: 'bad port' });
    expect(english(error.message)).toMatch(/cannot use the PHLO address in its settings/);
  });

  it('a closed port: the connection is refused (ECONNREFUSED)', async () => {
    const port = await freePort();
    const error = await neverSent(`http://127.0.0.1:${port}/v1/`);
    expect(error.detail).toEqual({ host: `127.0.0.1:${port}`, cause: 'ECONNREFUSED' });
    expect(english(error.message)).toMatch(/connection was refused/);
  });

  it('an unknown host: the name does not resolve (ENOTFOUND, or EAI_AGAIN with no DNS at all)', async () => {
    const error = await neverSent('https://nohost.invalid/v1/');
    expect(error.detail?.host).toBe('nohost.invalid');
    expect(error.detail?.cause).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(english(error.message)).toMatch(/name did not resolve/);
  });

  it('a base URL that does not parse (ERR_INVALID_URL)', async () => {
    const error = await neverSent('http://[::1/v1/');
    expect(error.detail).toEqual({ cause: 'ERR_INVALID_URL' });
  });

  it('a server whose certificate is not trusted: TLS fails before the request is written', async () => {
    const tls = await startTlsServer();
    try {
      const error = await neverSent(`https://127.0.0.1:${tls.port}/v1/`);
      expect(error.detail?.cause).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(english(error.message)).toMatch(/certificate was not accepted/);
      expect(tls.handshakes()).toBe(1);
      expect(tls.bytesAfterHandshake()).toBe(0);
    } finally {
      await tls.close();
    }
  });
});

describe('what Electron\'s net.fetch reports (Chromium\'s net::ERR_ messages, which carry no code)', () => {
  // The Electron binary cannot run here, so these are the error values Electron's ClientRequest builds:
  // `new Error(netErrorString)` (lib/common/api/net-client-request.ts).
  it.each([
    ['net::ERR_CONNECTION_REFUSED', 'network'],
    ['net::ERR_NAME_NOT_RESOLVED', 'network'],
    ['net::ERR_UNSAFE_PORT', 'network'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'network'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxy_refused'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy_refused'],
  ])('%s -> %s, nothing sent', (message, code) => {
    const result = failureFromError(new Error(message), 'action', 'phlorunner.plivo.com', 10_000);
    expect(result.ok || result.error).toMatchObject({ code, detail: { cause: message.slice('net::'.length), host: 'phlorunner.plivo.com' } });
    expect(result.ok || mayHaveHappened(result.error)).toBe(false);
  });

  it('net::ERR_CONNECTION_RESET, after the request may have left -> timeout, which asks the agent', () => {
    const result = failureFromError(new Error('net::ERR_CONNECTION_RESET'), 'action', 'phlorunner.plivo.com', 10_000);
    expect(result.ok || result.error.code).toBe('timeout');
    expect(result.ok || mayHaveHappened(result.error)).toBe(true);
  });
});

describe('the words of a failure, by kind of request', () => {
  const said = (result: { ok: boolean; error?: { message: Parameters<typeof english>[0] } }) =>
    result.ok || result.error === undefined ? '' : english(result.error.message);
  const answer = (status: number, text: string, retryAfter: string | null = null) => ({ status, text, retryAfter, via: null });

  it('says how long Plivo asked to wait, counting seconds as the language does', () => {
    expect(said(failureFromAnswer(answer(429, '', '1'), 'action'))).toBe(
      'Plivo is limiting requests from this account. Nothing was done; wait 1 second and try again.',
    );
    expect(said(failureFromAnswer(answer(429, '', '30'), 'action'))).toMatch(/wait 30 seconds and try again\.$/);
    expect(said(failureFromAnswer(answer(429, ''), 'action'))).toMatch(/wait a few seconds and try again\.$/);
  });

  it('tells an action it may have happened, and a read what to do next', () => {
    expect(said(failureFromAnswer(answer(503, ''), 'action'))).toBe('Plivo had a server error (HTTP 503). The action may have reached Plivo all the same.');
    expect(said(failureFromAnswer(answer(503, ''), 'read'))).toBe('Plivo had a server error (HTTP 503). Try again in a moment.');
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    expect(said(failureFromError(timeout, 'action', undefined, 2500))).toBe(
      'Plivo did not answer within 2.5 seconds. The action may have reached Plivo all the same.',
    );
    expect(said(failureFromError(timeout, 'read', undefined, 1000))).toBe(
      'Plivo did not answer within 1 second. Try again; if it keeps happening, IT can raise requestTimeoutMs in settings.json.',
    );
  });

  it('names what answered in Plivo\'s place', () => {
    expect(said(failureFromAnswer(answer(200, ''), 'read'))).toBe(
      'Something other than Plivo answered (HTTP 200, an empty answer): a proxy or firewall may be in the way; ask IT.',
    );
    expect(said(failureFromAnswer(answer(200, '<html></html>'), 'action'))).toBe(
      'Something other than Plivo answered (HTTP 200, a web page): a proxy or firewall may be in the way; ask IT. The action may have reached Plivo all the same.',
    );
  });
});

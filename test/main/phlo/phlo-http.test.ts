/**
 * PHLO requests under Node through the proxy the environment names, against real sockets: the
 * `proxy` package as the proxy, misbehaving proxies where a real one would not misbehave on cue,
 * and the simulator as Plivo. Electron's own fetch (the system proxy) cannot run here.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ofetch } from 'ofetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log/logger';
import { createPhloClient, type PhloTarget } from '../../../main/phlo/phlo-client';
import { createPhloHttp } from '../../../main/phlo/phlo-http';
import { mayHaveHappened } from '../../../main/phlo/request-outcome';
import { startSimulator, type Simulator } from '../../../main/simulator/server';
import { freePort } from '../../support/free-port';
import { startMisbehavingProxy, startProxy, type TestProxy } from '../../support/proxies';
import { startTlsServer, TLS_CERT_FILE } from '../../support/tls-server';
import { english } from '../../support/english';

const AGENT = '+14152223333';
const CUSTOMER = '+14152224444';
const TARGET = '+14152225555';
const SUPPORT = join(import.meta.dirname, '..', '..', 'support');
const run = promisify(execFile);
const PAGE_504 = '<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>';

const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });
let sim: Simulator;
let target: PhloTarget;
const closing: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  sim = await startSimulator();
  closing.push(sim);
  target = { baseUrl: sim.baseUrl, phloId: sim.phloId, nodeId: sim.nodeId, authId: sim.authId, authToken: sim.authToken, timeoutMs: 2000 };
  sim.createCall(AGENT, CUSTOMER);
});
afterEach(async () => {
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

async function proxy(started: Promise<TestProxy>): Promise<TestProxy> {
  const running = await started;
  closing.push(running);
  return running;
}

function warm(env: NodeJS.ProcessEnv, to: PhloTarget = target) {
  const client = createPhloClient(createPhloHttp({ env, logger }), logger);
  return client.nodeAction(to, { action: 'warm_transfer', to: TARGET, role: 'agent', triggerSource: AGENT });
}

const simHost = () => new URL(sim.url).host;

describe('the proxy the environment names', () => {
  it('without proxy variables, requests go as before: ofetch on Node\'s own fetch', () => {
    expect(createPhloHttp({ env: {}, logger })).toBe(ofetch);
  });

  it('HTTP_PROXY: a warm transfer goes through the proxy\'s tunnel, once, and Plivo acts once', async () => {
    const real = await proxy(startProxy());
    const result = await warm({ HTTP_PROXY: real.url });
    expect(result.ok).toBe(true);
    expect(real.connects).toEqual([simHost()]);
    expect(sim.requests().map((r) => [r.method, r.applied])).toEqual([['POST', true]]);
  });

  it('lower-case http_proxy wins over HTTP_PROXY, as curl reads them', async () => {
    const real = await proxy(startProxy());
    const result = await warm({ http_proxy: real.url, HTTP_PROXY: `http://127.0.0.1:${await freePort()}` });
    expect(result.ok).toBe(true);
    expect(real.connects).toHaveLength(1);
  });

  it('NO_PROXY=127.0.0.1 sends straight to the simulator, even with a proxy that is down', async () => {
    const result = await warm({ HTTP_PROXY: `http://127.0.0.1:${await freePort()}`, NO_PROXY: 'localhost,127.0.0.1' });
    expect(result.ok).toBe(true);
    expect(sim.requests()).toHaveLength(1);
  });

  it('a proxy that wants a password: 407 to CONNECT -> proxy_refused, nothing sent; with user:password in the URL it goes through', async () => {
    const expected = `Basic ${Buffer.from('agent:s3cret-proxy-pw').toString('base64')}`;
    const guarded = await proxy(startProxy((request) => request.headers['proxy-authorization'] === expected));
    const refused = await warm({ HTTPS_PROXY: guarded.url, HTTP_PROXY: guarded.url });
    expect(refused.ok || refused.error).toMatchObject({ code: 'proxy_refused', detail: { status: 407, cause: 'UND_ERR_ABORTED' } });
    expect(refused.ok || mayHaveHappened(refused.error)).toBe(false);
    expect(refused.ok || english(refused.error.message)).toMatch(/sign-in Handoff does not have\. Nothing was sent\./);
    expect(sim.requests()).toHaveLength(0);

    const signedIn = await warm({ HTTP_PROXY: guarded.url.replace('http://', 'http://agent:s3cret-proxy-pw@') });
    expect(signedIn.ok).toBe(true);
    expect(guarded.connects).toEqual([simHost(), simHost()]);
    expect(sim.requests()).toHaveLength(1);
  });

  it('a proxy that is down -> network, nothing sent', async () => {
    const result = await warm({ HTTP_PROXY: `http://127.0.0.1:${await freePort()}` });
    expect(result.ok || result.error).toMatchObject({ code: 'network', detail: { cause: 'ECONNREFUSED' } });
    expect(sim.requests()).toHaveLength(0);
  });

  it('a CONNECT refused with the proxy\'s own 502 page -> proxy_refused, nothing sent', async () => {
    const refusing = await proxy(
      startMisbehavingProxy((socket) => {
        socket.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: ${PAGE_504.length}\r\n\r\n${PAGE_504}`);
      }),
    );
    const result = await warm({ HTTP_PROXY: refusing.url });
    expect(result.ok || result.error).toMatchObject({ code: 'proxy_refused', detail: { status: 502 } });
    expect(result.ok || mayHaveHappened(result.error)).toBe(false);
    expect(refusing.connects).toHaveLength(1);
    expect(sim.requests()).toHaveLength(0);
  });

  it('a CONNECT the real proxy cannot open (Plivo\'s port closed: its 500) -> proxy_refused, nothing sent', async () => {
    const real = await proxy(startProxy());
    const result = await warm({ HTTP_PROXY: real.url }, { ...target, baseUrl: `http://127.0.0.1:${await freePort()}/v1/` });
    expect(result.ok || result.error).toMatchObject({ code: 'proxy_refused', detail: { status: 500 } });
    expect(real.connects).toHaveLength(1);
  });

  it('a connection dropped after the request went through the tunnel -> timeout, which asks the agent; never resent', async () => {
    const real = await proxy(startProxy());
    sim.injectFault({ kind: 'reset', when: 'after_body' });
    const result = await warm({ HTTP_PROXY: real.url });
    expect(result.ok || result.error.code).toBe('timeout');
    expect(result.ok || mayHaveHappened(result.error)).toBe(true);
    await expect.poll(() => sim.requests()[0]?.applied).toBe(true);
    expect(sim.requests()).toHaveLength(1);
    expect(real.connects).toHaveLength(1);
  });

  it('an intercepting proxy\'s own 504 page after it passed the request on -> proxy_refused that may have reached Plivo', async () => {
    // As a TLS-inspecting proxy does: it forwards the request, then answers in Plivo's place.
    const port = Number(new URL(sim.url).port);
    const intercepting = await proxy(
      startMisbehavingProxy((socket) => {
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
        const upstream = connect(port, '127.0.0.1');
        socket.pipe(upstream);
        upstream.once('data', () => {
          upstream.destroy();
          socket.end(`HTTP/1.1 504 Gateway Time-out\r\nContent-Type: text/html\r\nVia: 1.1 inspector\r\nContent-Length: ${PAGE_504.length}\r\n\r\n${PAGE_504}`);
        });
      }),
    );
    const result = await warm({ HTTP_PROXY: intercepting.url });
    expect(result.ok || result.error).toMatchObject({ code: 'proxy_refused', detail: { status: 504, proxyForwarded: true } });
    expect(result.ok || mayHaveHappened(result.error)).toBe(true);
    expect(result.ok || english(result.error.message)).toMatch(/may have reached Plivo all the same/);
    expect(sim.requests().map((r) => r.applied)).toEqual([true]);
  });

  it('HTTPS_PROXY: a warm transfer over https goes through the CONNECT tunnel to a trusted server, once', async () => {
    const real = await proxy(startProxy());
    const tls = await startTlsServer({ forwardTo: Number(new URL(sim.url).port) });
    closing.push(tls);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(SUPPORT, 'send-warm-transfer.ts'), JSON.stringify({ ...target, baseUrl: `https://127.0.0.1:${tls.port}/v1/` })], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: TLS_CERT_FILE, HTTPS_PROXY: real.url, HTTP_PROXY: '', NO_PROXY: '' },
    });
    expect(JSON.parse(stdout)).toMatchObject({ ok: true });
    expect(real.connects).toEqual([`127.0.0.1:${tls.port}`]);
    expect(real.forwards).toBe(0);
    expect(tls.bytesAfterHandshake()).toBeGreaterThan(0);
    expect(sim.requests().map((r) => [r.method, r.applied])).toEqual([['POST', true]]);
  });

  it('HTTPS_PROXY to a server whose certificate is not trusted: the tunnel opens, TLS fails, nothing is sent', async () => {
    const real = await proxy(startProxy());
    const tls = await startTlsServer({ forwardTo: Number(new URL(sim.url).port) });
    closing.push(tls);
    const result = await warm({ HTTPS_PROXY: real.url }, { ...target, baseUrl: `https://127.0.0.1:${tls.port}/v1/` });
    expect(result.ok || result.error).toMatchObject({ code: 'network', detail: { cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    expect(result.ok || mayHaveHappened(result.error)).toBe(false);
    expect(real.connects).toEqual([`127.0.0.1:${tls.port}`]);
    expect(tls.handshakes()).toBe(1);
    expect(tls.bytesAfterHandshake()).toBe(0);
    expect(sim.requests()).toHaveLength(0);
  });

  it('a proxy variable that is not a URL is refused at start, without its value', () => {
    expect(() => createPhloHttp({ env: { HTTPS_PROXY: 'agent:pw@proxy.corp:8080' }, logger })).toThrow(
      /^HTTPS_PROXY must be a URL such as http:\/\/proxy\.example:8080\.$/,
    );
  });
});

import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PREVIEW_TOKEN_HEADER } from '../../../main/contract/bridge';
import { createCore, type Core } from '../../../main/core';
import { startPreviewServer, type Preview } from '../../../main/preview/preview-server';
import { CONTENT_SECURITY_POLICY } from '../../../main/renderer-files';
import { startSimulator, type Simulator } from '../../../main/simulator/server';
import { AGENT, COLLEAGUE, CUSTOMER, keyringReady } from '../../support/numbers';
import { ask, type Answer } from '../../support/ask';
import { useTempDirs } from '../../support/temp-dir';
import { CATALOG_DIR } from '../../support/catalogs';

const SECRET = 'the-file-outside-the-renderer-folder';
/** The cookie the bridge token used to travel in; it must open nothing now. */
const OLD_COOKIE = 'handoff_preview';

if (!keyringReady) {
  console.warn(
    'preview server tests: HANDOFF_KEYRING is not "ready" (run them through test/run-with-keyring.mjs), ' +
      'so the ones that send call actions with saved credentials are SKIPPED.',
  );
}

/** Resolves with the error code of a TCP connection that fails, or null when it connects. */
function tryConnect(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? error.message);
    });
  });
}

describe('the preview server', () => {
  const tempDir = useTempDirs();
  let sim: Simulator;
  let core: Core;
  let preview: Preview;
  let dataDir: string;
  let port: number;
  let token: string;
  let logFile: string;
  const service = `Handoff test ${randomUUID()}`;

  /** The headers a page of the preview, loaded with its token, sends on a bridge request (no cookie: it omits them). */
  const pageHeaders = (): Record<string, string> => ({
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    [PREVIEW_TOKEN_HEADER]: token,
    'Sec-Fetch-Site': 'same-origin',
    'Content-Type': 'application/json',
  });
  /** A bridge request as the page sends it, with `headers` changed (undefined removes one), at `path`, or with a raw `body`. */
  const invoke = (
    channel: string,
    payload?: unknown,
    change: { headers?: Record<string, string | undefined>; path?: string; body?: string } = {},
  ) => {
    const merged = { ...pageHeaders(), ...change.headers };
    return ask(port, {
      method: 'POST',
      path: change.path ?? '/bridge/invoke',
      headers: Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined)),
      body: change.body ?? JSON.stringify({ channel, payload }),
    });
  };
  /** Loads the page with the token, as the browser does first, and returns the files cookie it set (`name=value`). */
  const filesCookie = async (): Promise<string> => {
    const page = await ask(port, { path: `/?token=${token}`, headers: { Host: `127.0.0.1:${port}` } });
    expect(page.status).toBe(200);
    return (page.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  };
  const sessionNow = async () => {
    const result = await core.handlers['session:get'](undefined);
    return result.ok ? result.value : 'session:get failed';
  };
  const log = async () => readFile(logFile, 'utf8').catch(() => '');

  beforeEach(async () => {
    sim = await startSimulator();
    dataDir = await tempDir();
    logFile = join(dataDir, 'logs', 'handoff.log');
    core = await createCore({ catalogDir: CATALOG_DIR, dataDir, env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl }, keychainService: service });
    const settings = await core.handlers['settings:update']({ phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT });
    expect(settings.ok).toBe(true);

    // The renderer folder sits inside a folder holding a file nobody may read through the preview.
    const root = await tempDir();
    const rendererDir = join(root, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(root, 'secret.txt'), SECRET);
    await writeFile(
      join(rendererDir, 'index.html'),
      '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n    <title>Handoff</title>\n' +
        '    <script type="module" crossorigin src="/assets/app.js"></script>\n  </head>\n  <body><div id="app"></div></body>\n</html>\n',
    );
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
    await writeFile(join(rendererDir, 'preview-bridge.js'), 'window.handoff = {};\n');

    preview = await startPreviewServer({ core, rendererDir, port: 0 });
    const url = new URL(preview.url);
    port = Number(url.port);
    token = url.searchParams.get('token') ?? '';
  });

  afterEach(async () => {
    await preview.close();
    if (keyringReady) await core.handlers['credentials:clear'](undefined);
    await core.close();
    await sim.close();
  });

  describe('where it listens', () => {
    it('listens on 127.0.0.1 only, with a long random token in the URL it gives', async () => {
      expect(preview.origin).toBe(`http://127.0.0.1:${port}`);
      expect(preview.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[0-9a-f]{48}$`));
      expect(await tryConnect('127.0.0.1', port)).toBeNull();
      // Not the IPv6 loopback, not any other interface of this machine.
      expect(await tryConnect('::1', port)).not.toBeNull();
      const others = Object.values(networkInterfaces())
        .flat()
        .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
        .map((i) => i?.address ?? '');
      for (const address of others) expect(await tryConnect(address, port), address).not.toBeNull();
    });

    it('gives each launch its own token', async () => {
      const second = await startPreviewServer({ core, rendererDir: join(dataDir, 'none'), port: 0 });
      try {
        expect(new URL(second.url).searchParams.get('token')).not.toBe(token);
      } finally {
        await second.close();
      }
    });
  });

  describe('the page and its files', () => {
    const host = () => ({ Host: `127.0.0.1:${port}` });

    it('refuses the page without the token in its URL, or with a wrong one', async () => {
      expect((await ask(port, { path: '/', headers: host() })).status).toBe(403);
      expect((await ask(port, { path: '/index.html', headers: host() })).status).toBe(403);
      const wrong = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
      expect((await ask(port, { path: `/?token=${wrong}`, headers: host() })).status).toBe(403);
      expect((await ask(port, { path: '/?token=short', headers: host() })).status).toBe(403);
      // The token opens the page only from the URL: not as the old cookie, nor in the bridge's header.
      expect((await ask(port, { path: '/', headers: { ...host(), Cookie: `${OLD_COOKIE}=${token}` } })).status).toBe(403);
      expect((await ask(port, { path: '/', headers: { ...host(), [PREVIEW_TOKEN_HEADER]: token } })).status).toBe(403);
      expect((await ask(port, { path: '/', headers: { ...host(), Cookie: `handoff_preview_files=${token}` } })).status).toBe(403);
      const refused = await ask(port, { path: '/', headers: host() });
      expect(refused.body).not.toContain('<html');
      expect(await log()).toContain('missing or wrong token');
    });

    it('serves the page with the token: a files cookie that is not the token, the CSP and the bridge before the app', async () => {
      const page = await ask(port, { path: `/?token=${token}`, headers: host() });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');

      const cookies = page.headers['set-cookie'] ?? [];
      expect(cookies).toHaveLength(1);
      const parts = (cookies[0] ?? '').split(';').map((p) => p.trim());
      const [name, value] = (parts[0] ?? '').split('=');
      expect(name).toBe('handoff_preview_files');
      expect(value).toMatch(/^[0-9a-f]{48}$/);
      // Cookies ignore the port, so every other server on 127.0.0.1 receives this one: it must not be the token.
      expect(value).not.toBe(token);
      expect(parts).toContain('HttpOnly');
      expect(parts).toContain('SameSite=Strict');
      expect(parts).toContain('Path=/');
      expect(page.body).not.toContain(token);

      const bridge = page.body.indexOf('<script type="module" src="/preview-bridge.js"></script>');
      const app = page.body.indexOf('src="/assets/app.js"');
      expect(bridge).toBeGreaterThan(page.body.indexOf('<head>'));
      expect(app).toBeGreaterThan(bridge);
    });

    it('serves the files only with the files cookie or the token in the URL', async () => {
      expect((await ask(port, { path: '/assets/app.js', headers: host() })).status).toBe(403);
      expect((await ask(port, { path: '/preview-bridge.js', headers: host() })).status).toBe(403);
      const withCookie = { ...host(), Cookie: `other=1; ${await filesCookie()}` };
      const app = await ask(port, { path: '/assets/app.js', headers: withCookie });
      expect(app.status).toBe(200);
      expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(app.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(app.body).toBe('console.log("app");\n');
      expect((await ask(port, { path: '/preview-bridge.js', headers: withCookie })).status).toBe(200);
      expect((await ask(port, { path: `/assets/app.js?token=${token}`, headers: host() })).status).toBe(200);
    });

    it('refuses the files to the old token cookie, the bridge header and a wrong files cookie', async () => {
      const files = await filesCookie();
      for (const headers of [
        { ...host(), Cookie: `${OLD_COOKIE}=${token}` },
        { ...host(), [PREVIEW_TOKEN_HEADER]: token },
        { ...host(), Cookie: `${files}0` },
        { ...host(), Cookie: `handoff_preview_files=${'0'.repeat(48)}` },
      ]) {
        const answer = await ask(port, { path: '/assets/app.js', headers });
        expect(answer.status, JSON.stringify(headers)).toBe(403);
        expect(answer.body).not.toContain('console.log');
      }
    });

    it('refuses the page and the files to a request naming another host (DNS rebinding)', async () => {
      const rebound = { Host: `attacker.example:${port}`, Cookie: await filesCookie() };
      expect((await ask(port, { path: `/?token=${token}`, headers: rebound })).status).toBe(403);
      expect((await ask(port, { path: '/assets/app.js', headers: rebound })).status).toBe(403);
      expect((await ask(port, { path: '/assets/app.js', headers: { ...rebound, Host: '127.0.0.1' } })).status).toBe(403);
      expect(await log()).toContain('unexpected Host');
    });

    it('answers 404 to paths that climb out of the renderer folder, and never sends the file', async () => {
      const withCookie = { ...host(), Cookie: await filesCookie() };
      for (const path of [
        '/../secret.txt',
        '/../package.json',
        '/%2e%2e/secret.txt',
        '/%2E%2E/secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e%2fsecret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/..%5csecret.txt',
        '/%252e%252e/secret.txt',
        '/assets/%00app.js',
        '/%E0%A4%A',
      ]) {
        const answer = await ask(port, { path, headers: withCookie });
        expect(answer.status, path).toBe(404);
        expect(answer.body, path).not.toContain(SECRET);
      }
    });

    it('answers 405 to a method other than GET outside the bridge', async () => {
      const answer = await ask(port, { method: 'PUT', path: '/index.html', headers: { ...pageHeaders(), Cookie: await filesCookie() }, body: '{}' });
      expect(answer.status).toBe(405);
    });
  });

  describe('/bridge/invoke', () => {
    const open = { customer: CUSTOMER };

    it('runs a request from the page: token header, own Origin and Host, JSON', async () => {
      const answer = await invoke('session:open', open);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { participants: [{ address: AGENT }, { address: CUSTOMER }] } });
      expect(await sessionNow()).toMatchObject({ participants: [{ address: AGENT }, { address: CUSTOMER }] });
    });

    it('accepts the page under localhost too, and JSON with a charset or in capitals', async () => {
      const viaLocalhost = await invoke('app:state', undefined, {
        headers: { Host: `localhost:${port}`, Origin: `http://localhost:${port}` },
      });
      expect(JSON.parse(viaLocalhost.body)).toEqual({ ok: true, value: { mode: 'live', configured: false, settingsProblems: [], demoAllowed: true } });
      for (const type of ['application/json; charset=utf-8', 'Application/JSON']) {
        const answer = await invoke('app:state', undefined, { headers: { 'Content-Type': type } });
        expect(answer.status, type).toBe(200);
      }
    });

    // Each is a well-formed `session:open` that would open a call if it got through.
    const refusals: [string, () => Promise<Answer>, number][] = [
      ['no token', () => invoke('session:open', open, { headers: { [PREVIEW_TOKEN_HEADER]: undefined } }), 403],
      ['a wrong token', () => invoke('session:open', open, { headers: { [PREVIEW_TOKEN_HEADER]: '0'.repeat(48) } }), 403],
      ['a token of another length', () => invoke('session:open', open, { headers: { [PREVIEW_TOKEN_HEADER]: `${token}0` } }), 403],
      [
        'the token in the query instead of the header',
        () => invoke('session:open', open, { path: `/bridge/invoke?token=${token}`, headers: { [PREVIEW_TOKEN_HEADER]: undefined } }),
        403,
      ],
      [
        'the token in the old cookie instead of the header',
        () => invoke('session:open', open, { headers: { [PREVIEW_TOKEN_HEADER]: undefined, Cookie: `${OLD_COOKIE}=${token}` } }),
        403,
      ],
      [
        'only the files cookie',
        async () => invoke('session:open', open, { headers: { [PREVIEW_TOKEN_HEADER]: undefined, Cookie: await filesCookie() } }),
        403,
      ],
      [
        'the files secret in the header',
        async () => invoke('session:open', open, { headers: { [PREVIEW_TOKEN_HEADER]: (await filesCookie()).split('=')[1] } }),
        403,
      ],
      ['a foreign Origin', () => invoke('session:open', open, { headers: { Origin: 'http://attacker.example' } }), 403],
      ['another port of this machine as Origin', () => invoke('session:open', open, { headers: { Origin: `http://127.0.0.1:${port + 1}` } }), 403],
      ['the null Origin', () => invoke('session:open', open, { headers: { Origin: 'null' } }), 403],
      ['an https Origin', () => invoke('session:open', open, { headers: { Origin: `https://127.0.0.1:${port}` } }), 403],
      ['no Origin', () => invoke('session:open', open, { headers: { Origin: undefined } }), 403],
      [
        'another Host (DNS rebinding)',
        () => invoke('session:open', open, { headers: { Host: `attacker.example:${port}`, Origin: `http://attacker.example:${port}` } }),
        403,
      ],
      ['Sec-Fetch-Site: cross-site', () => invoke('session:open', open, { headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403],
      ['Sec-Fetch-Site: same-site', () => invoke('session:open', open, { headers: { 'Sec-Fetch-Site': 'same-site' } }), 403],
      ['a text/plain body (a form or a simple cross-site request)', () => invoke('session:open', open, { headers: { 'Content-Type': 'text/plain' } }), 415],
      ['a form body', () => invoke('session:open', open, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415],
      ['a media type that only starts with application/json', () => invoke('session:open', open, { headers: { 'Content-Type': 'application/json-x' } }), 415],
      ['no content type', () => invoke('session:open', open, { headers: { 'Content-Type': undefined } }), 415],
    ];

    it.each(refusals)('refuses a request with %s and does not act on it', async (_what, send, status) => {
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.body).not.toContain('"ok"');
      expect(await sessionNow()).toBeNull();
      if (status === 403) expect(await log()).toContain('preview refused a request');
    });

    it('refuses a body over 64 KiB and does not act on it', async () => {
      // Valid JSON for a call that would open, padded with whitespace past the limit.
      const body = JSON.stringify({ channel: 'session:open', payload: open }) + ' '.repeat(65 * 1024);
      const answer = await invoke('session:open', open, { body });
      expect(answer.status).toBe(413);
      expect(await sessionNow()).toBeNull();
      // The server is still there for the page.
      expect((await invoke('app:state')).status).toBe(200);
    });

    it('accepts a body just under 64 KiB', async () => {
      const json = JSON.stringify({ channel: 'session:open', payload: open });
      const answer = await invoke('session:open', open, { body: json + ' '.repeat(64 * 1024 - json.length) });
      expect(answer.status).toBe(200);
      expect(await sessionNow()).not.toBeNull();
    });

    it.each([
      ['an unknown channel', { channel: 'shell:exec', payload: 'rm -rf /' }],
      ['a channel inherited from Object', { channel: 'constructor', payload: open }],
      ['no channel', { payload: open }],
      ['a malformed payload', { channel: 'session:open', payload: { customer: 42 } }],
      ['an extra field', { channel: 'session:open', payload: { ...open, admin: true } }],
      ['a payload where none is taken', { channel: 'session:get', payload: { all: true } }],
      ['a JSON array', ['session:open', open]],
      ['JSON null', null],
    ])('answers %s with invalid_input and does not act on it', async (_what, message) => {
      const answer = await invoke('', undefined, { body: JSON.stringify(message) });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await sessionNow()).toBeNull();
      expect(await log()).toMatch(/refused a (request on an unknown channel|malformed request)/);
    });

    it('answers a body that is not JSON with invalid_input', async () => {
      const answer = await invoke('', undefined, { body: '{"channel": "session:open", "payload": ' });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await sessionNow()).toBeNull();
    });

    it('answers GET on the invoke path with 404, never with a result', async () => {
      const answer = await ask(port, { path: '/bridge/invoke', headers: pageHeaders() });
      expect(answer.status).toBe(404);
    });
  });

  describe.skipIf(!keyringReady)('call actions over the bridge (real keychain)', () => {
    beforeEach(async () => {
      const saved = await core.handlers['credentials:save']({ authId: sim.authId, authToken: sim.authToken });
      expect(saved.ok).toBe(true);
      sim.createCall(AGENT, CUSTOMER);
      expect((await invoke('session:open', { customer: CUSTOMER })).status).toBe(200);
      // Saving and opening start reachability checks (reads); counting starts once they are done.
      await core.checksSettled();
    });

    const warm = { to: COLLEAGUE };
    it.each([
      ['no token', () => ({ headers: { [PREVIEW_TOKEN_HEADER]: undefined } })],
      ['the token in the query only', () => ({ path: `/bridge/invoke?token=${token}`, headers: { [PREVIEW_TOKEN_HEADER]: undefined } })],
      ['the token in the old cookie only', () => ({ headers: { [PREVIEW_TOKEN_HEADER]: undefined, Cookie: `${OLD_COOKIE}=${token}` } })],
      ['a foreign Origin', () => ({ headers: { Origin: 'http://attacker.example' } })],
      ['no Origin', () => ({ headers: { Origin: undefined } })],
      ['another Host', () => ({ headers: { Host: `rebind.example:${port}` } })],
      ['Sec-Fetch-Site: cross-site', () => ({ headers: { 'Sec-Fetch-Site': 'cross-site' } })],
      ['a text/plain body', () => ({ headers: { 'Content-Type': 'text/plain' } })],
    ] as [string, () => { headers: Record<string, string | undefined>; path?: string }][])(
      'sends nothing to PHLO for a warm transfer with %s',
      async (_what, change) => {
        const before = sim.requests().length;
        expect((await invoke('call:warm-transfer', warm, change())).status).toBeGreaterThanOrEqual(400);
        expect(sim.requests()).toHaveLength(before);
        expect(await sessionNow()).toMatchObject({ transfer: null, pending: null });
      },
    );

    it('sends nothing to PHLO with only the files cookie', async () => {
      const before = sim.requests().length;
      const files = await filesCookie();
      expect((await invoke('call:warm-transfer', warm, { headers: { [PREVIEW_TOKEN_HEADER]: undefined, Cookie: files } })).status).toBe(403);
      expect(sim.requests()).toHaveLength(before);
      expect(await sessionNow()).toMatchObject({ transfer: null, pending: null });
    });

    it('sends nothing to PHLO for a malformed call action', async () => {
      const before = sim.requests().length;
      for (const payload of [{ to: 5555 }, { to: COLLEAGUE, role: 'boss' }, { to: COLLEAGUE, extra: 1 }, undefined, 'x']) {
        const answer = await invoke('call:warm-transfer', payload);
        expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
      expect(JSON.parse((await invoke('call:hold', { participantId: '' })).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(sim.requests()).toHaveLength(before);
    });

    it('sends exactly one PHLO request for an accepted warm transfer', async () => {
      const before = sim.requests().length;
      const answer = JSON.parse((await invoke('call:warm-transfer', warm)).body) as { ok: boolean };
      expect(answer.ok).toBe(true);
      expect(sim.requests()).toHaveLength(before + 1);
      expect(sim.requests().at(-1)?.body).toMatchObject({ action: 'warm_transfer', to: COLLEAGUE });
    });

    it('never sends the Auth Token to the page, in a result or an event', async () => {
      const frames: string[] = [];
      const stream = await openEvents(port, `/bridge/events?token=${token}`, { Host: `127.0.0.1:${port}` }, frames);
      try {
        const answers = [
          await invoke('credentials:status'),
          await invoke('settings:get'),
          await invoke('connection:test'),
          await invoke('call:warm-transfer', warm),
          await invoke('call:complete-transfer'),
        ];
        await expect.poll(() => frames.join('')).toContain('"pending":"complete_transfer"');
        const basic = Buffer.from(`${sim.authId}:${sim.authToken}`).toString('base64');
        for (const text of [...answers.map((a) => a.body), frames.join('')]) {
          expect(text).not.toContain(sim.authToken);
          expect(text).not.toContain(basic);
        }
        expect(JSON.parse(answers[0]?.body ?? '')).toEqual({ ok: true, value: { set: true, authIdMasked: 'MA…01' } });
      } finally {
        stream.close();
      }
    });
  });

  describe('/bridge/events', () => {
    it('refuses the stream without the token in its URL, or from another host or Origin', async () => {
      const headers = { Host: `127.0.0.1:${port}` };
      const files = await filesCookie();
      const refused = [
        { path: '/bridge/events', headers },
        { path: `/bridge/events?token=${'0'.repeat(48)}`, headers },
        { path: `/bridge/events?token=${files.split('=')[1] ?? ''}`, headers },
        // The token opens the stream only from its URL: not in the header, the old cookie, or the files cookie.
        { path: '/bridge/events', headers: { ...headers, [PREVIEW_TOKEN_HEADER]: token } },
        { path: '/bridge/events', headers: { ...headers, Cookie: `${OLD_COOKIE}=${token}` } },
        { path: '/bridge/events', headers: { ...headers, Cookie: files } },
        { path: `/bridge/events?token=${token}`, headers: { Host: `evil.example:${port}` } },
        { path: `/bridge/events?token=${token}`, headers: { ...headers, Origin: 'http://evil.example' } },
        { path: `/bridge/events?token=${token}`, headers: { ...headers, 'Sec-Fetch-Site': 'cross-site' } },
      ];
      for (const request of refused) {
        const answer = await ask(port, request);
        expect(answer.status, JSON.stringify(request)).toBe(403);
        expect(answer.headers['content-type'], JSON.stringify(request)).not.toBe('text/event-stream');
      }
    });

    it('delivers connection:changed when a settings change starts a check', async () => {
    const frames: string[] = [];
    const stream = await openEvents(port, `/bridge/events?token=${token}`, { Host: `127.0.0.1:${port}` }, frames);
    try {
      expect((await invoke('settings:update', { defaultCountry: 'GB' })).status).toBe(200);
      // No credentials are saved here, so the check ends at "not set up" without reading anything.
      await expect.poll(() => frames.join('')).toMatch(/event: connection:changed\ndata: \{"state":"not_set_up".*\}\n\n/);
      // The frame may be the start's check; the update's own check settles at the same state.
      await expect
        .poll(async () => (JSON.parse((await invoke('connection:status')).body) as { value: { state: string; checking: boolean } }).value)
        .toMatchObject({ state: 'not_set_up', checking: false });
    } finally {
      stream.close();
    }
  });

  it('delivers session:changed after session:open, and close() ends the stream and frees the port', async () => {
      const frames: string[] = [];
      const stream = await openEvents(port, `/bridge/events?token=${token}`, { Host: `127.0.0.1:${port}` }, frames);
      expect(stream.headers['content-type']).toBe('text/event-stream');
      expect((await invoke('session:open', { customer: CUSTOMER, label: 'Dana' })).status).toBe(200);
      await expect.poll(() => frames.join('')).toMatch(/event: session:changed\ndata: \{.*"label":"Dana".*\}\n\n/);
      const data = /event: session:changed\ndata: (.*)\n\n/.exec(frames.join(''));
      expect(JSON.parse(data?.[1] ?? 'null')).toMatchObject({ participants: [{ address: AGENT }, { address: CUSTOMER, label: 'Dana' }] });

      expect((await invoke('session:end')).status).toBe(200);
      await expect.poll(() => frames.join('')).toContain('data: null\n\n');

      await preview.close();
      await expect(stream.ended).resolves.toBe(true);
      expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
      // The port is free for anyone again.
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
      // afterEach closes it again: close() must be safe to call twice.
    });
  });
});

/** An open event stream: its headers, a promise that settles when the server ends it, and close(). */
interface EventStream {
  headers: IncomingHttpHeaders;
  ended: Promise<boolean>;
  close(): void;
}

function openEvents(port: number, path: string, headers: Record<string, string>, frames: string[]): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`events answered ${String(res.statusCode)}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => frames.push(chunk));
      const ended = new Promise<boolean>((done) => {
        res.on('end', () => { done(true); });
        res.on('close', () => { done(true); });
      });
      resolve({ headers: res.headers, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

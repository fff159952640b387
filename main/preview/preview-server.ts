/**
 * The browser preview: the built renderer served on loopback with the real core behind it, so
 * Handoff can be run, demonstrated and tested end to end where Electron's binary is missing.
 * Only this machine's browser, holding the per-launch token, gets in: requests without the
 * token, from another origin or another host name are refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PREVIEW_TOKEN_HEADER } from '../contract/bridge';
import type { Core } from '../core';
import { dispatch } from '../handlers/channel-handlers';
import { CONTENT_SECURITY_POLICY, readRendererFile } from '../renderer-files';

/** What the preview serves and where. */
export interface PreviewOptions {
  core: Core;
  /** The built renderer (`out/renderer`), holding `index.html` and `preview-bridge.js`. */
  rendererDir: string;
  port: number;
  /** Fixed in tests; random per launch otherwise. */
  token?: string;
}

/** A running preview. */
export interface Preview {
  /** The page address, token included: the only way in. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const FILES_COOKIE = 'handoff_preview_files';

const MAX_BODY = 64 * 1024;
const TEXT = 'text/plain; charset=utf-8';
// The page's bridge, put before the app's module so window.handoff exists when the app runs.
const BRIDGE_SCRIPT = '<script type="module" src="/preview-bridge.js"></script>';

/**
 * Refuses with HTTP's own reason phrase. The preview is a developer's tool and the page never
 * shows these bodies (the bridge reports the status), so they are protocol text, not the agent's words.
 */
function refuseWith(response: ServerResponse, status: number): void {
  send(response, status, TEXT, STATUS_CODES[status] ?? String(status));
}

/** Why the preview refused a request, as the log names it. */
type Refusal = 'unexpected_host' | 'foreign_origin' | 'post_without_origin' | 'cross_site' | 'bad_token';

/** Starts the preview on 127.0.0.1 only. */
export async function startPreviewServer(options: PreviewOptions): Promise<Preview> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const filesSecret = randomBytes(24).toString('hex');
  const logger = options.core.logger.child({ module: 'preview' });
  const streams = new Set<ServerResponse>();
  let origin = '';
  let hosts = new Set<string>();

  // Every event under its contract name, which the preview bridge listens to (renderer/preview-bridge.ts).
  const unsubscribe = options.core.onEvent(({ event, payload }) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'preview request failed');
      if (!response.headersSent) refuseWith(response, 500);
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const refusal = refuse(request, url);
    if (refusal !== null) {
      logger.warn({ path: url.pathname, reason: refusal, site: request.headers['sec-fetch-site'] }, 'preview refused a request');
      refuseWith(response, 403);
      return;
    }
    if (request.method === 'POST' && url.pathname === '/bridge/invoke') return invoke(request, response);
    if (request.method === 'GET' && url.pathname === '/bridge/events') {
      events(request, response);
      return;
    }
    if (request.method === 'GET') return serveFile(url, response);
    refuseWith(response, 405);
  }

  // Host guards against DNS rebinding; Origin and Sec-Fetch-Site against other pages in the same
  // browser. The bridge token travels in a header (invoke) or the query (events) only, never in a
  // cookie: cookies ignore the port, so every other server on 127.0.0.1 would receive it. Files
  // are gated by a second, separate secret in a cookie, which opens nothing but the public build.
  function refuse(request: IncomingMessage, url: URL): Refusal | null {
    if (!hosts.has(request.headers.host ?? '')) return 'unexpected_host';
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && !hosts.has(requestOrigin.replace(/^http:\/\//, ''))) return 'foreign_origin';
    if (request.method === 'POST' && requestOrigin === undefined) return 'post_without_origin';
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross_site';
    if (url.pathname === '/bridge/invoke') return matches(request.headers[PREVIEW_TOKEN_HEADER], token) ? null : 'bad_token';
    if (url.pathname === '/bridge/events') return matches(url.searchParams.get('token'), token) ? null : 'bad_token';
    const pageLoad = matches(url.searchParams.get('token'), token);
    return pageLoad || matches(cookie(request, FILES_COOKIE), filesSecret) ? null : 'bad_token';
  }

  async function invoke(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if ((request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      refuseWith(response, 415);
      return;
    }
    const text = await readBody(request);
    if (text === null) {
      refuseWith(response, 413);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = null;
    }
    const { channel, payload } = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
    const result = await dispatch(options.core.handlers, channel, payload, options.core.logger);
    send(response, 200, 'application/json', JSON.stringify(result));
  }

  function events(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  }

  async function serveFile(url: URL, response: ServerResponse): Promise<void> {
    const file = await readRendererFile(options.rendererDir, url.pathname);
    if (file === null) {
      refuseWith(response, 404);
      return;
    }
    if (file.type.startsWith('text/html')) {
      // The bridge defines window.handoff before the app's module runs (module scripts run in order).
      const html = file.body.toString('utf8').replace('<head>', `<head>\n    ${BRIDGE_SCRIPT}`);
      response.setHeader('Set-Cookie', `${FILES_COOKIE}=${filesSecret}; HttpOnly; SameSite=Strict; Path=/`);
      send(response, 200, file.type, html);
      return;
    }
    send(response, 200, file.type, file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The preview server has no TCP address.');
  origin = `http://127.0.0.1:${address.port}`;
  hosts = new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`]);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function cookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function matches(given: string | string[] | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

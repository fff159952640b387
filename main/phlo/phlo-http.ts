/**
 * The HTTP stack PHLO requests go through. The Electron shell passes Chromium's fetch, which follows
 * the system's proxy settings (PAC, WPAD); under plain Node (the preview, tests) the usual proxy
 * variables are honoured as curl reads them: HTTPS_PROXY, HTTP_PROXY and NO_PROXY, lower case first.
 */
import { ofetch, type $Fetch } from 'ofetch';
// Node's types describe its bundled undici, and undici's own differ in details no request here
// uses (FormData bodies, dispatcher internals), so a request's init crosses between the two by a cast.
import { EnvHttpProxyAgent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import type { Logger } from '../log/logger';

/** A fetch the platform provides (Electron's `session.fetch`): the PHLO client only ever sends to a URL string. */
export type PlatformFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Builds the ofetch instance the PHLO client sends with: the platform's fetch, else Node's, through the proxy the environment names. */
export function createPhloHttp(options: { fetch?: PlatformFetch | undefined; env: NodeJS.ProcessEnv; logger: Logger }): $Fetch {
  if (options.fetch !== undefined) return ofetch.create({}, { fetch: platformFetch(options.fetch) });
  const proxies = proxyEnv(options.env);
  // Without a proxy variable nothing changes: Node's own fetch, straight to the server.
  if (proxies.httpProxy === '' && proxies.httpsProxy === '') return ofetch;
  options.logger.info(
    { httpProxy: withoutCredentials(proxies.httpProxy), httpsProxy: withoutCredentials(proxies.httpsProxy), noProxy: proxies.noProxy },
    'phlo requests go through the proxy the environment names',
  );
  // undici's own fetch, so the dispatcher and the fetch are the same undici (Node's global one bundles another).
  const dispatcher = new EnvHttpProxyAgent(proxies);
  const viaProxy: PlatformFetch = async (url, init) => {
    const response = await undiciFetch(url, { ...(init as unknown as UndiciRequestInit), dispatcher });
    // Rebuilt as this runtime's Response, so nothing downstream meets an object of the other undici's class.
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: [...response.headers] });
  };
  return ofetch.create({}, { fetch: platformFetch(viaProxy) });
}

// ofetch's fetch type also takes URL and Request objects, which the client never passes: their URL is what a platform fetch needs.
function platformFetch(fetch: PlatformFetch): typeof globalThis.fetch {
  return (input, init) => fetch(typeof input === 'string' ? input : 'url' in input ? input.url : input.href, init);
}

// Read from the core's env, never process.env, so a test's environment is the whole truth; '' means
// "none" to undici, where undefined would make it fall back to process.env. With HTTPS_PROXY unset,
// undici sends https through HTTP_PROXY too.
function proxyEnv(env: NodeJS.ProcessEnv): { httpProxy: string; httpsProxy: string; noProxy: string } {
  const read = (name: string) => env[name.toLowerCase()] ?? env[name] ?? '';
  const proxies = { httpProxy: read('HTTP_PROXY'), httpsProxy: read('HTTPS_PROXY'), noProxy: read('NO_PROXY') };
  for (const [name, value] of [['HTTP_PROXY', proxies.httpProxy], ['HTTPS_PROXY', proxies.httpsProxy]] as const) {
    // Said at start, without the value (it may hold a password), rather than as undici's bare "Invalid URL".
    if (value !== '' && !isProxyUrl(value)) throw new Error(`${name} must be a URL such as http://proxy.example:8080.`);
  }
  return proxies;
}

// "user:pw@host:8080" parses too, with "user:" as its scheme: only a proxy's own schemes will do.
function isProxyUrl(text: string): boolean {
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
}

// A proxy URL may carry user:password; the log gets its origin only.
function withoutCredentials(proxy: string): string | null {
  return proxy === '' ? null : new URL(proxy).origin;
}

/**
 * Turns whatever came back from an HTTP request (or the way it failed) into one of Handoff's codes,
 * following ../../../shared/docs/phlo-mpc-api.md, "Errors" and "Safety rule for retries".
 */
import type { ErrorCode } from '../contract/error-codes';
import { fail, type Failure, type FailureDetail, type Result } from '../contract/result';
import { text, type MessageId } from '../contract/text';

/** Whether the request was a read (harmless to repeat) or an action on a live call. */
export type RequestKind = 'read' | 'action';

/** What came back over HTTP, before Handoff decides whether Plivo really answered. */
export interface HttpAnswer {
  status: number;
  text: string;
  retryAfter: string | null;
  /** The `Via` header, which a proxy adds to what it answers itself. */
  via: string | null;
}

/** The documented body of every PHLO answer; anything else is not Plivo talking. */
export interface PlivoBody {
  api_id: string;
  error?: unknown;
  [key: string]: unknown;
}

// undici's fetch says only this, with no code, when it refuses a port before connecting.
const BAD_PORT = 'bad port';

// Why a request never left this machine, each worded once below. Node's fetch (undici) names
// the cause in a `code`; Electron's net.fetch (Chromium) only in its message (net::ERR_...).
type NeverSent = 'refused' | 'unknown_host' | 'bad_address' | 'unreachable' | 'tls' | 'proxy';

// A Map, so a code that happens to name an Object property ("constructor") finds nothing.
const NEVER_SENT = new Map<string, NeverSent>([
  ['ECONNREFUSED', 'refused'],
  ['ERR_CONNECTION_REFUSED', 'refused'],
  ['ENOTFOUND', 'unknown_host'],
  ['EAI_AGAIN', 'unknown_host'],
  ['ERR_NAME_NOT_RESOLVED', 'unknown_host'],
  ['ERR_NAME_RESOLUTION_FAILED', 'unknown_host'],
  // Fetch refuses ports browsers block ("bad port" in the Fetch standard) and URLs that do not parse.
  [BAD_PORT, 'bad_address'],
  ['ERR_UNSAFE_PORT', 'bad_address'],
  ['ERR_INVALID_URL', 'bad_address'],
  ['EHOSTUNREACH', 'unreachable'],
  ['ENETUNREACH', 'unreachable'],
  ['EADDRNOTAVAIL', 'unreachable'],
  ['UND_ERR_CONNECT_TIMEOUT', 'unreachable'],
  ['ERR_ADDRESS_UNREACHABLE', 'unreachable'],
  ['ERR_INTERNET_DISCONNECTED', 'unreachable'],
  ['ERR_CONNECTION_TIMED_OUT', 'unreachable'],
  ['CERT_HAS_EXPIRED', 'tls'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
  ['ERR_CERT_AUTHORITY_INVALID', 'tls'],
  ['ERR_CERT_COMMON_NAME_INVALID', 'tls'],
  ['ERR_CERT_DATE_INVALID', 'tls'],
  // Chromium's words for a proxy that could not be used or refused to open the tunnel.
  ['ERR_PROXY_CONNECTION_FAILED', 'proxy'],
  ['ERR_TUNNEL_CONNECTION_FAILED', 'proxy'],
  ['ERR_PROXY_AUTH_REQUESTED', 'proxy'],
  ['ERR_PROXY_AUTH_UNSUPPORTED', 'proxy'],
  ['ERR_PROXY_CERTIFICATE_INVALID', 'proxy'],
  ['ERR_MANDATORY_PROXY_CONFIGURATION_FAILED', 'proxy'],
]);

const NEVER_SENT_WORDS: Record<NeverSent, MessageId> = {
  refused: 'error.neverSent.refused',
  unknown_host: 'error.neverSent.unknownHost',
  bad_address: 'error.neverSent.badAddress',
  unreachable: 'error.neverSent.unreachable',
  tls: 'error.neverSent.tls',
  proxy: 'error.neverSent.proxy',
};

// undici's message when a proxy answers CONNECT with anything but 200: the tunnel never opened.
const TUNNEL_REFUSED = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

// The statuses with which a proxy that passed the request on reports that the server failed it.
const PROXY_GATEWAY_ERRORS = new Set([502, 503, 504]);

/**
 * A failure worded for its kind of request: an action's says it may have reached Plivo all the
 * same (the session then asks the agent whether it went through; it is never resent), a read's
 * what to do next.
 */
function byKind(kind: RequestKind, action: MessageId, read: MessageId): MessageId {
  return kind === 'action' ? action : read;
}

const UNKNOWN_OUTCOME = new Set<ErrorCode>(['timeout', 'plivo_unavailable', 'unexpected_response', 'internal']);

/** Whether a failed action may nonetheless have been carried out by Plivo: the one rule for "never resend". */
export function mayHaveHappened(failure: Failure): boolean {
  return UNKNOWN_OUTCOME.has(failure.code) || failure.detail?.proxyForwarded === true;
}

/** Parses a body as Plivo's JSON shape, or says it is not one. */
export function parsePlivoBody(text: string): PlivoBody | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  return typeof record['api_id'] === 'string' && record['api_id'] !== '' ? (record as PlivoBody) : null;
}

/** Maps an answer that is not a success (any non-2xx, or a 2xx carrying an error) to its code. */
export function failureFromAnswer<T>(answer: HttpAnswer, kind: RequestKind): Result<T> {
  const body = parsePlivoBody(answer.text);
  const detail: FailureDetail = { status: answer.status };
  if (body !== null) detail.apiId = body.api_id;
  const plivoError = typeof body?.error === 'string' && body.error !== '' ? body.error : undefined;
  if (plivoError !== undefined) detail.plivoError = plivoError;
  const { status } = answer;

  // A 2xx that carries an error text is a refusal too (API document, "Transport").
  if ((status === 400 || (status >= 200 && status <= 299)) && plivoError !== undefined) {
    return fail('rejected', text('error.plivoRefused', { plivoError }), detail);
  }
  // Plivo never answers 407: a proxy wants a sign-in, and has forwarded nothing.
  if (status === 407) return fail('proxy_refused', text('error.proxySignIn'), detail);
  if (status === 401) return fail('invalid_credentials', text('error.invalidCredentials'), detail);
  if (status === 403) return fail('forbidden', text('error.forbidden'), detail);
  if (status === 404) return fail('not_found', text('error.notFound'), detail);
  if (status === 429) {
    const seconds = retryAfterSeconds(answer.retryAfter);
    if (seconds !== undefined) detail.retryAfterSeconds = seconds;
    const wait = seconds === undefined ? text('error.rateLimited') : text('error.rateLimitedFor', { seconds });
    return fail('rate_limited', wait, detail);
  }
  // Not Plivo's JSON but a web page or a proxy's `Via`: the proxy's own gateway error, which it
  // may send after passing the request on (a 504 after Plivo got it), so the action may have happened.
  if (PROXY_GATEWAY_ERRORS.has(status) && body === null && (looksLikeHtml(answer.text) || answer.via !== null)) {
    return fail('proxy_refused', text(byKind(kind, 'error.proxyGatewayAction', 'error.proxyGatewayRead'), { status }), {
      ...detail,
      proxyForwarded: true,
    });
  }
  // A 5xx is Plivo's own failure unless a web page says something else answered in its place.
  if (status >= 500 && status <= 599 && (body !== null || !looksLikeHtml(answer.text))) {
    return fail('plivo_unavailable', text(byKind(kind, 'error.plivoServerErrorAction', 'error.plivoServerErrorRead'), { status }), detail);
  }
  return unexpected(answer, kind, detail);
}

/** The failure for a 2xx whose body is not the documented one, or any answer that is not Plivo's. */
export function unexpected<T>(answer: HttpAnswer, kind: RequestKind, detail: FailureDetail = { status: answer.status }): Result<T> {
  const what = answer.text.trim() === '' ? 'empty' : looksLikeHtml(answer.text) ? 'page' : 'other';
  const id = byKind(kind, 'error.unexpectedAnswerAction', 'error.unexpectedAnswerRead');
  return fail('unexpected_response', text(id, { status: answer.status, answer: what }), detail);
}

/** Maps a request that got no HTTP answer: never sent (safe to retry) or maybe sent (never resent). */
export function failureFromError<T>(error: unknown, kind: RequestKind, host: string | undefined, timeoutMs: number): Result<T> {
  const chain = causeChain(error);
  if (chain.some((e) => e.name === 'TimeoutError')) {
    return fail('timeout', text(byKind(kind, 'error.timeoutAction', 'error.timeoutRead'), { seconds: timeoutMs / 1000 }));
  }
  const cause = lowLevelCode(error);
  const detail: FailureDetail = host === undefined ? {} : { host };
  if (cause !== undefined) detail.cause = cause;
  const tunnel = chain.map((e) => TUNNEL_REFUSED.exec(e.message)).find((match) => match !== null);
  if (tunnel?.[1] !== undefined) {
    const status = Number(tunnel[1]);
    const why = status === 407 ? text('error.proxySignIn') : text('error.proxyRefusedTunnel', { status });
    return fail('proxy_refused', why, { ...detail, status });
  }
  const neverSent = cause === undefined ? undefined : NEVER_SENT.get(cause);
  if (neverSent !== undefined) return fail(neverSent === 'proxy' ? 'proxy_refused' : 'network', text(NEVER_SENT_WORDS[neverSent]), detail);
  // A connection that broke after the request was written (directly or through a proxy's tunnel):
  // Plivo may have acted on it. The library's code means nothing to an agent; Details and the log keep it.
  return fail('timeout', text(byKind(kind, 'error.connectionBrokeAction', 'error.connectionBrokeRead')), detail);
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml)/i.test(text);
}

/** The system or library code under a failed request (ECONNREFUSED, UND_ERR_SOCKET, net::ERR_...), for Details and the log. */
export function lowLevelCode(error: unknown): string | undefined {
  return causeChain(error)
    .map(errorCode)
    .find((c) => c !== undefined);
}

function causeChain(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 8) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error.message === BAD_PORT) return BAD_PORT;
  return /^net::(ERR_[A-Z0-9_]+)$/.exec(error.message)?.[1];
}

/**
 * Turns whatever came back from an HTTP request (or the way it failed) into one of Handoff's codes,
 * following ../../../shared/docs/phlo-mpc-api.md, "Errors" and "Safety rule for retries".
 */
import type { ErrorCode } from '../contract/error-codes';
import { fail, type FailureDetail, type Result } from '../contract/result';

/** Whether the request was a read (harmless to repeat) or an action on a live call. */
export type RequestKind = 'read' | 'action';

/** What came back over HTTP, before Handoff decides whether Plivo really answered. */
export interface HttpAnswer {
  status: number;
  text: string;
  retryAfter: string | null;
}

/** The documented body of every PHLO answer; anything else is not Plivo talking. */
export interface PlivoBody {
  api_id: string;
  error?: unknown;
  [key: string]: unknown;
}

// Node's fetch (undici) reports these when no byte of the request left this machine: the name did
// not resolve, nothing listened, or TLS failed before the request was written.
const NEVER_SENT = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

// The session then asks the agent whether it went through; it is never resent.
const MAYBE_HAPPENED = 'The action may have reached Plivo all the same.';

const UNKNOWN_OUTCOME = new Set<ErrorCode>(['timeout', 'plivo_unavailable', 'unexpected_response', 'internal']);

/** Whether a failed action may nonetheless have been carried out by Plivo: the one rule for "never resend". */
export function mayHaveHappened(code: ErrorCode): boolean {
  return UNKNOWN_OUTCOME.has(code);
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
    return fail('rejected', `Plivo refused the request: ${plivoError}`, detail);
  }
  if (status === 401) {
    return fail(
      'invalid_credentials',
      'Plivo did not accept your Auth ID and Auth Token. Check them in Settings against the Plivo console.',
      detail,
    );
  }
  if (status === 403) {
    return fail(
      'forbidden',
      'Plivo refused access: PHLO may not be enabled for this account, or the account is not verified. Ask your Plivo administrator.',
      detail,
    );
  }
  if (status === 404) {
    return fail(
      'not_found',
      'Plivo does not know this PHLO or node. Check the PHLO ID and node ID in Settings, and that the PHLO is deployed.',
      detail,
    );
  }
  if (status === 429) {
    const seconds = retryAfterSeconds(answer.retryAfter);
    if (seconds !== undefined) detail.retryAfterSeconds = seconds;
    const wait = seconds === undefined ? 'a few seconds' : inSeconds(seconds);
    return fail('rate_limited', `Plivo is limiting requests from this account. Nothing was done; wait ${wait} and try again.`, detail);
  }
  // A 5xx is Plivo's own failure unless a web page says a proxy answered in its place.
  if (status >= 500 && status <= 599 && (body !== null || !looksLikeHtml(answer.text))) {
    const after = kind === 'action' ? ` ${MAYBE_HAPPENED}` : ' Try again in a moment.';
    return fail('plivo_unavailable', `Plivo had a server error (HTTP ${status}).${after}`, detail);
  }
  return unexpected(answer, kind, detail);
}

/** The failure for a 2xx whose body is not the documented one, or any answer that is not Plivo's. */
export function unexpected<T>(answer: HttpAnswer, kind: RequestKind, detail: FailureDetail = { status: answer.status }): Result<T> {
  const what = answer.text.trim() === '' ? 'an empty answer' : looksLikeHtml(answer.text) ? 'a web page' : 'an answer that is not Plivo\'s';
  const after = kind === 'action' ? ` ${MAYBE_HAPPENED}` : '';
  return fail(
    'unexpected_response',
    `Something other than Plivo answered (HTTP ${answer.status}, ${what}): a proxy or firewall may be in the way; ask IT.${after}`,
    detail,
  );
}

/** Maps a request that got no HTTP answer: never sent (safe to retry) or maybe sent (never resent). */
export function failureFromError<T>(error: unknown, kind: RequestKind, host: string, timeoutMs: number): Result<T> {
  const chain = causeChain(error);
  if (chain.some((e) => e.name === 'TimeoutError')) {
    const after = kind === 'action' ? ` ${MAYBE_HAPPENED}` : ' Try again; if it keeps happening, IT can raise requestTimeoutMs in settings.json.';
    return fail('timeout', `Plivo did not answer within ${inSeconds(timeoutMs / 1000)}.${after}`);
  }
  const code = lowLevelCode(error);
  if (code !== undefined && NEVER_SENT.has(code)) {
    return fail(
      'network',
      `Handoff could not reach ${host} (${code}). Nothing was sent. Check the network connection or proxy, then try again.`,
    );
  }
  // A connection that broke after the request was written: Plivo may have acted on it. The
  // library's code (UND_ERR_SOCKET, ECONNRESET) means nothing to an agent; the log keeps it.
  const after = kind === 'action' ? ` ${MAYBE_HAPPENED}` : ' Try again.';
  return fail('timeout', `The connection to ${host} broke before Plivo answered.${after}`);
}

function inSeconds(seconds: number): string {
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
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

/** The system or library code under a failed request (ECONNREFUSED, UND_ERR_SOCKET), for the log. */
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
  return typeof code === 'string' ? code : undefined;
}

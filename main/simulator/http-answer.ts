/**
 * Responses as plain values, so the PHLO and control handlers stay free of sockets and the server
 * alone decides when (or whether) an answer is written.
 */
import { randomUUID } from 'node:crypto';

/** The 401 text; Plivo documents no body for it, so this shape and wording are this project's. */
export const AUTH_FAILED = 'Authentication failed: check the Auth ID and Auth Token.';

/** A response to write: status, headers (lower-case names) and the exact body text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A JSON response. */
export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** PHLO's documented body shape, `{"api_id", "error"}`, with a fresh request id as Plivo gives each one. */
export function phloAnswer(status: number, error: string, headers: Record<string, string> = {}): HttpAnswer {
  return jsonAnswer(status, { api_id: randomUUID(), error }, headers);
}

/** PHLO's 404 for an unknown PHLO, node or path: the reference shows an empty object. */
export function phloNotFound(): HttpAnswer {
  return jsonAnswer(404, {});
}

/** A response with no body, for control requests that only change state. */
export function noContent(): HttpAnswer {
  return { status: 204, headers: {}, body: '' };
}

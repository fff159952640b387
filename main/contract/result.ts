import type { ErrorCode } from './error-codes';
import type { Text } from './text';

/** What went wrong, as a catalog message an agent can act on; Plivo's own text and request id go in `detail`. */
export interface Failure {
  code: ErrorCode;
  message: Text;
  detail?: FailureDetail;
}

/** Facts behind a failure, shown under a "details" disclosure and never needed to act on it. */
export interface FailureDetail {
  /** Plivo's `api_id`, which Plivo support asks for. */
  apiId?: string;
  /** Plivo's `error` text, verbatim. */
  plivoError?: string;
  /** HTTP status Plivo (or whatever answered in its place) returned. */
  status?: number;
  /** Seconds Plivo asked us to wait before the next request (429 `Retry-After`). */
  retryAfterSeconds?: number;
  /** The host (and port) the request went to, for IT: kept out of the sentence, which is for the agent. */
  host?: string;
  /** The network library's own code for a request that got no answer (ECONNREFUSED, ERR_NAME_NOT_RESOLVED), for IT. */
  cause?: string;
  /** A proxy answered with a gateway error after it may have passed the request on: the action may have happened. */
  proxyForwarded?: boolean;
  /** Which input field was wrong, so a form can point at it. */
  field?: string;
}

/** Every core operation returns a value, never throws: Electron keeps only a thrown error's message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

/** Wraps a success value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a failure; `detail` is left out rather than set to undefined, so results compare cleanly. */
export function fail<T = never>(code: ErrorCode, message: Text, detail?: FailureDetail): Result<T> {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } };
}

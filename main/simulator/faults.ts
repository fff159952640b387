/**
 * Faults a test queues so the next PHLO requests meet what real networks and proxies do: slowness,
 * resets before and after Plivo acted, error statuses, and bodies the client cannot read. The
 * client's retry-safety rules (../../../shared/docs/phlo-mpc-api.md, "Safety rule for retries") are
 * tested against them.
 */
import { STATUS_CODES } from 'node:http';
import * as v from 'valibot';
import { AUTH_FAILED, phloAnswer, phloNotFound, type HttpAnswer } from './http-answer';

/** One fault; `times` (default 1) is how many consecutive PHLO requests it applies to. */
export type Fault = (
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'html'; status?: number }
  | { kind: 'malformed'; status?: number }
  | { kind: 'empty'; status?: number }
  | { kind: 'reset'; when: 'before_body' | 'after_body' }
) & { times?: number };

/** The faults that replace PHLO's answer entirely, so the action is never applied. */
export type AnswerFault = Extract<Fault, { kind: 'status' | 'html' | 'malformed' | 'empty' }>;

// 1xx statuses are not final answers, so node:http cannot send them as one.
const Status = v.pipe(v.number(), v.integer(), v.minValue(200), v.maxValue(599));
// What node:http accepts as a header name and value; anything else would throw while answering.
const Headers = v.record(
  v.pipe(v.string(), v.regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'Invalid header name')),
  v.pipe(v.string(), v.regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'Invalid header value')),
);
const Times = v.exactOptional(v.pipe(v.number(), v.integer(), v.minValue(1)));

// Strict objects, so a misspelt key (`time`, `code`) is refused instead of silently ignored.
const FaultSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('delay'), ms: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000)), times: Times }),
  v.strictObject({
    kind: v.literal('status'),
    status: Status,
    body: v.exactOptional(v.string()),
    headers: v.exactOptional(Headers),
    times: Times,
  }),
  v.strictObject({ kind: v.literal('html'), status: v.exactOptional(Status), times: Times }),
  v.strictObject({ kind: v.literal('malformed'), status: v.exactOptional(Status), times: Times }),
  v.strictObject({ kind: v.literal('empty'), status: v.exactOptional(Status), times: Times }),
  v.strictObject({ kind: v.literal('reset'), when: v.picklist(['before_body', 'after_body']), times: Times }),
]);

/** Reads a fault from untrusted input (the control endpoint, or a caller bypassing the types). */
export function parseFault(input: unknown): { ok: true; fault: Fault } | { ok: false; error: string } {
  const result = v.safeParse(FaultSchema, input);
  if (result.success) return { ok: true, fault: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, error: `Invalid fault${path === null ? '' : ` at ${path}`}: ${issue.message}` };
}

/** Faults waiting for PHLO requests, first in first out; each request takes one use of the head. */
export class FaultQueue {
  private readonly queue: { fault: Fault; left: number }[] = [];

  /** Queues a fault behind those already waiting. */
  push(fault: Fault): void {
    this.queue.push({ fault, left: fault.times ?? 1 });
  }

  /** The fault for the request that just arrived, if any, used up once. */
  take(): Fault | undefined {
    const head = this.queue[0];
    if (head === undefined) return undefined;
    head.left -= 1;
    if (head.left === 0) this.queue.shift();
    return head.fault;
  }

  /** Drops every waiting fault. */
  clear(): void {
    this.queue.length = 0;
  }
}

/** Whether a fault answers in PHLO's place, rather than delaying or cutting the real answer. */
export function isAnswerFault(fault: Fault): fault is AnswerFault {
  return fault.kind === 'status' || fault.kind === 'html' || fault.kind === 'malformed' || fault.kind === 'empty';
}

/** The response an answering fault sends instead of PHLO's. */
export function faultAnswer(fault: AnswerFault): HttpAnswer {
  switch (fault.kind) {
    case 'status':
      return statusAnswer(fault);
    case 'html': {
      const status = fault.status ?? 502;
      const title = `${String(status)} ${STATUS_CODES[status] ?? 'Error'}`;
      return {
        status,
        headers: { 'content-type': 'text/html' },
        body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      };
    }
    case 'malformed':
      return { status: fault.status ?? 201, headers: { 'content-type': 'application/json' }, body: '{"api_id": "faad0293-f5f0-487e' };
    case 'empty':
      return { status: fault.status ?? 200, headers: { 'content-type': 'application/json' }, body: '' };
  }
}

function statusAnswer(fault: Extract<Fault, { kind: 'status' }>): HttpAnswer {
  const answer =
    fault.body !== undefined
      ? { status: fault.status, headers: { 'content-type': 'application/json' }, body: fault.body }
      : fault.status === 404
        ? phloNotFound()
        : phloAnswer(fault.status, fault.status < 400 ? '' : errorText(fault.status));
  return { ...answer, headers: { ...answer.headers, ...lowerCaseNames(fault.headers ?? {}) } };
}

function errorText(status: number): string {
  switch (status) {
    case 401:
      return AUTH_FAILED;
    case 403:
      return 'PHLO is not enabled for this account.';
    case 429:
      return 'Too many requests: the account allows 300 requests per 5 seconds.';
    default:
      return `${STATUS_CODES[status] ?? 'Error'}.`;
  }
}

// Header names are case-insensitive; one spelling keeps a test's `Retry-After` from doubling ours.
function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

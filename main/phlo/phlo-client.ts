/**
 * Plivo's PHLO multi-party call REST API, called directly because the official SDK's member
 * actions are broken (../../../shared/docs/phlo-mpc-api.md, "SDK pitfalls"). Each call sends
 * exactly one HTTP request and never retries: an action is a side effect on a live call.
 */
import type { $Fetch } from 'ofetch';
import * as v from 'valibot';
import type { MemberAction, NodeAction, Role } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text } from '../contract/text';
import type { Logger } from '../log/logger';
import {
  failureFromAnswer,
  failureFromError,
  lowLevelCode,
  parsePlivoBody,
  unexpected,
  type HttpAnswer,
  type PlivoBody,
  type RequestKind,
} from './request-outcome';

/** Where and as whom to send: settings plus credentials, built fresh for every request. */
export interface PhloTarget {
  baseUrl: string;
  phloId: string;
  nodeId: string;
  authId: string;
  authToken: string;
  timeoutMs: number;
}

/** The body of a node action, in Plivo's names. */
export interface NodeActionRequest {
  action: NodeAction;
  to: string;
  role: Role;
  triggerSource: string;
}

/** What Plivo says when it accepted an action: its request id, for support. */
export interface Accepted {
  apiId: string;
}

/** The node's static metadata, which proves the settings and credentials work. */
export interface NodeInfo {
  apiId: string;
  name: string;
  nodeType: string;
}

/** The three operations Handoff needs from PHLO. */
export interface PhloClient {
  readNode(target: PhloTarget): Promise<Result<NodeInfo>>;
  nodeAction(target: PhloTarget, request: NodeActionRequest): Promise<Result<Accepted>>;
  memberAction(target: PhloTarget, member: string, action: MemberAction): Promise<Result<Accepted>>;
}

// "Test connection" must prove the node is a multi-party call node, not just any PHLO node.
const NodeBodySchema = v.object({
  api_id: v.string(),
  name: v.string(),
  node_type: v.literal('multi_party_call'),
});

// The shapes address.ts produces: E.164, or sip:user@host.
const MEMBER_ADDRESS = /^(\+[1-9]\d{6,14}|sip:[^@\s/]+@[^@\s/]+)$/;

/** Builds the client on an ofetch instance (the composition root passes `ofetch`). */
export function createPhloClient(http: $Fetch, logger: Logger): PhloClient {
  async function send(
    target: PhloTarget,
    kind: RequestKind,
    method: 'GET' | 'POST',
    path: string,
    body?: Record<string, string>,
  ): Promise<Result<HttpAnswer>> {
    // A base URL that does not parse is handed to fetch as it is, so fetch refuses it like any
    // other address it cannot use, and the agent hears that nothing was sent.
    const href = URL.canParse(path, target.baseUrl) ? new URL(path, target.baseUrl).href : `${target.baseUrl}${path}`;
    const host = URL.canParse(target.baseUrl) ? new URL(target.baseUrl).host : undefined;
    const started = Date.now();
    try {
      const response = await http.raw<string, 'text'>(href, {
        method,
        // ofetch would add Content-Type itself; both are named so the request never depends on it.
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          Authorization: `Basic ${Buffer.from(`${target.authId}:${target.authToken}`).toString('base64')}`,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        responseType: 'text',
        timeout: target.timeoutMs,
        // Never resend: see "Safety rule for retries" in the API document.
        retry: false,
        ignoreResponseError: true,
        // A captive portal's redirect is an answer that is not Plivo's, not a reason to follow it.
        redirect: 'manual',
      });
      const answer: HttpAnswer = {
        status: response.status,
        text: response._data ?? '',
        retryAfter: response.headers.get('retry-after'),
        via: response.headers.get('via'),
      };
      logger.info({ method, path, status: answer.status, ms: Date.now() - started }, 'phlo answered');
      return ok(answer);
    } catch (error) {
      const result = failureFromError<HttpAnswer>(error, kind, host, target.timeoutMs);
      logger.warn(
        { method, path, ms: Date.now() - started, outcome: result.ok ? null : result.error.code, cause: lowLevelCode(error) },
        'phlo request failed',
      );
      return result;
    }
  }

  // The documented success: a 2xx whose body is Plivo's JSON with an empty `error`.
  function plivoSuccess(answer: HttpAnswer, kind: RequestKind): Result<PlivoBody> {
    if (answer.status < 200 || answer.status > 299) return failureFromAnswer(answer, kind);
    const body = parsePlivoBody(answer.text);
    if (body === null) return unexpected(answer, kind);
    if (typeof body.error === 'string' && body.error !== '') return failureFromAnswer(answer, kind);
    return ok(body);
  }

  async function action(target: PhloTarget, path: string, body: Record<string, string>): Promise<Result<Accepted>> {
    const sent = await send(target, 'action', 'POST', path, body);
    if (!sent.ok) return sent;
    const accepted = plivoSuccess(sent.value, 'action');
    return accepted.ok ? ok({ apiId: accepted.value.api_id }) : accepted;
  }

  return {
    async readNode(target) {
      const sent = await send(target, 'read', 'GET', nodePath(target));
      if (!sent.ok) return sent;
      const body = plivoSuccess(sent.value, 'read');
      if (!body.ok) return body;
      const parsed = v.safeParse(NodeBodySchema, body.value);
      if (!parsed.success) return unexpected(sent.value, 'read');
      return ok({ apiId: parsed.output.api_id, name: parsed.output.name, nodeType: parsed.output.node_type });
    },
    nodeAction(target, request) {
      return action(target, nodePath(target), {
        action: request.action,
        to: request.to,
        role: request.role,
        trigger_source: request.triggerSource,
      });
    },
    memberAction(target, member, memberAction) {
      // A malformed address would reach Plivo as a wrong path and come back as a misleading 404.
      if (!MEMBER_ADDRESS.test(member)) {
        return Promise.resolve(fail('invalid_address', text('address.notMember', { member })));
      }
      return action(target, `${nodePath(target)}/members/${encodeMember(member)}`, { action: memberAction });
    },
  };
}

function nodePath(target: PhloTarget): string {
  return `phlo/${encodeURIComponent(target.phloId)}/multi_party_call/${encodeURIComponent(target.nodeId)}`;
}

/** `+` must become %2B; `:` and `@` are legal in a path segment and stay as the SDKs send them (assumed accepted). */
function encodeMember(address: string): string {
  return encodeURIComponent(address).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

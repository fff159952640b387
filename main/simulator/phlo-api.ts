/**
 * The PHLO multi-party call API as ../../../shared/docs/phlo-mpc-api.md describes it: Basic auth,
 * the node read, node actions and member actions, answered from the call model. Free of sockets, so
 * the server can apply an action and still lose or delay its answer when a fault says so.
 */
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { parseMemberActionBody, parseNodeActionBody } from './action-body';
import { applyMemberAction, applyNodeAction, type CallModel, type Transition } from './call-model';
import { AUTH_FAILED, jsonAnswer, phloAnswer, phloNotFound, type HttpAnswer } from './http-answer';

/** The account and flow this simulator plays; requests for any other PHLO or node get 404. */
export interface PhloAccount {
  authId: string;
  authToken: string;
  phloId: string;
  nodeId: string;
}

/** The parts of a PHLO request the answer depends on. */
export interface PhloRequest {
  method: string;
  /** The request target as received: percent-encoded, possibly with a query string. */
  path: string;
  authorization: string | undefined;
  /** The parsed JSON body, or null when the body was empty or not JSON. */
  body: unknown;
}

/** PHLO's answer and the model after the request; `applied` says whether the model changed. */
export interface PhloOutcome {
  answer: HttpAnswer;
  model: CallModel;
  applied: boolean;
}

// The fixture's value (shared/fixtures/phlo/node.200.json): a node's creation time never changes.
const CREATED_ON = '2020-08-01 09:05:11.846982+00:00';

/** Answers one request under /v1/, as Plivo would. */
export function answerPhlo(account: PhloAccount, model: CallModel, request: PhloRequest): PhloOutcome {
  const unchanged = (answer: HttpAnswer): PhloOutcome => ({ answer, model, applied: false });
  if (!isAuthorized(account, request.authorization)) return unchanged(phloAnswer(401, AUTH_FAILED));
  const route = matchRoute(account, request.path);
  if (route === undefined) return unchanged(phloNotFound());
  if (route.member === undefined) {
    if (request.method === 'GET') return unchanged(nodeAnswer(account));
    if (request.method !== 'POST') return unchanged(phloNotFound());
    const body = parseNodeActionBody(request.body);
    return body.ok ? settle(model, applyNodeAction(model, body.value)) : unchanged(phloAnswer(400, body.error));
  }
  if (request.method !== 'POST') return unchanged(phloNotFound());
  const body = parseMemberActionBody(request.body);
  return body.ok ? settle(model, applyMemberAction(model, route.member, body.value)) : unchanged(phloAnswer(400, body.error));
}

function settle(model: CallModel, transition: Transition): PhloOutcome {
  if (!transition.ok) return { answer: phloAnswer(400, transition.error), model, applied: false };
  return { answer: phloAnswer(201, ''), model: transition.model, applied: true };
}

function nodeAnswer(account: PhloAccount): HttpAnswer {
  return jsonAnswer(200, {
    api_id: randomUUID(),
    node_id: account.nodeId,
    phlo_id: account.phloId,
    name: 'Multi-Party Call_1',
    node_type: 'multi_party_call',
    created_on: CREATED_ON,
  });
}

function isAuthorized(account: PhloAccount, header: string | undefined): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return false;
  return Buffer.from(match[1] ?? '', 'base64').toString('utf8') === `${account.authId}:${account.authToken}`;
}

// The node path, or the node path plus one member address segment; `member` is decoded.
function matchRoute(account: PhloAccount, path: string): { member: string | undefined } | undefined {
  const segments = (path.split('?')[0] ?? '').split('/');
  const [empty, version, phlo, phloId, node, nodeId, members, address, ...rest] = segments;
  const isNode =
    empty === '' && version === 'v1' && phlo === 'phlo' && phloId === account.phloId && node === 'multi_party_call' && nodeId === account.nodeId;
  if (!isNode || rest.length > 0) return undefined;
  if (members === undefined) return { member: undefined };
  if (members !== 'members' || address === undefined || address === '') return undefined;
  // The address may arrive encoded (`%2B1415...`, `sip%3Aalice%40...`) or raw (`sip:alice@...`).
  try {
    return { member: decodeURIComponent(address) };
  } catch {
    return undefined;
  }
}

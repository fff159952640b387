/**
 * Validation of PHLO action bodies, parameter by parameter in the order PHLO documents them, so the
 * first problem found gives the 400 text Plivo's reference shows (`<param> is a mandatory param.`,
 * `Invalid value provided for <param>.`; ../../../shared/docs/phlo-mpc-api.md, "Errors").
 */
import {
  isMemberAddress,
  MEMBER_ACTIONS,
  NODE_ACTIONS,
  type MemberAction,
  type MemberRole,
  type NodeAction,
  type NodeActionRequest,
} from './call-model';

/** A validated body, or the text of the 400 that refuses it. */
export type BodyCheck<T> = { ok: true; value: T } | { ok: false; error: string };

const INVALID_JSON = 'Invalid JSON body.';

/** Checks the body of a node action: `action`, `to`, `role`, then `trigger_source`. */
export function parseNodeActionBody(body: unknown): BodyCheck<NodeActionRequest> {
  if (!isJsonObject(body)) return { ok: false, error: INVALID_JSON };
  const action = param(body, 'action', isNodeAction);
  if (!action.ok) return action;
  const to = param(body, 'to', isAddress);
  if (!to.ok) return to;
  const role = param(body, 'role', isRole);
  if (!role.ok) return role;
  const triggerSource = param(body, 'trigger_source', isAddress);
  if (!triggerSource.ok) return triggerSource;
  return { ok: true, value: { action: action.value, to: to.value, role: role.value, triggerSource: triggerSource.value } };
}

/** Checks the body of a member action, which carries only `action`. */
export function parseMemberActionBody(body: unknown): BodyCheck<MemberAction> {
  if (!isJsonObject(body)) return { ok: false, error: INVALID_JSON };
  return param(body, 'action', isMemberAction);
}

function param<T extends string>(
  body: Record<string, unknown>,
  name: string,
  isValid: (value: string) => value is T,
): BodyCheck<T> {
  const value = body[name];
  // PHLO reads an empty or null parameter as one that was not sent (assumed).
  if (value === undefined || value === null || value === '') return { ok: false, error: `${name} is a mandatory param.` };
  if (typeof value !== 'string' || !isValid(value)) return { ok: false, error: `Invalid value provided for ${name}.` };
  return { ok: true, value };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A guard only so `param` has one shape; addresses stay plain strings.
function isAddress(value: string): value is string {
  return isMemberAddress(value);
}

function isNodeAction(value: string): value is NodeAction {
  return (NODE_ACTIONS as readonly string[]).includes(value);
}

function isMemberAction(value: string): value is MemberAction {
  return (MEMBER_ACTIONS as readonly string[]).includes(value);
}

function isRole(value: string): value is MemberRole {
  return value === 'agent' || value === 'customer';
}

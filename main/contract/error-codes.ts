/**
 * The closed set of failure codes every channel may return; the renderer maps each to its wording
 * and to what the agent can do next.
 */
export const ERROR_CODES = [
  // Input the agent or an IT preset gave that Handoff cannot use.
  'invalid_input',
  'invalid_address',
  'not_configured',
  // A change machine policy forbids (an enforced setting, the demo turned off).
  'enforced_by_policy',
  // The OS keychain and what it holds.
  'credentials_missing',
  'keychain_unavailable',
  'keychain_locked',
  // Call session rules, checked before anything is sent.
  'no_call',
  'invalid_state',
  'busy',
  // A step that could strand someone on the call, refused until the agent confirms it.
  'needs_confirmation',
  // Outcomes of a PHLO request (see ../../../shared/docs/phlo-mpc-api.md, "Errors").
  'invalid_credentials',
  'forbidden',
  'not_found',
  'rejected',
  'rate_limited',
  'plivo_unavailable',
  'network',
  // A proxy on the way answered instead of Plivo; FailureDetail.proxyForwarded says whether it may have passed the request on.
  'proxy_refused',
  'timeout',
  'unexpected_response',
  // The action journal cannot be written (a read-only data folder, a full disk): the action is refused before it is sent.
  'journal_unavailable',
  // Handoff closed before Plivo answered an action, found in the journal at the next start: it may have happened.
  'interrupted',
  // The OS refused to register a global shortcut (another app holds it).
  'shortcut_unavailable',
  // A bug or an OS failure Handoff did not foresee; logged with its stack.
  'internal',
] as const;

/** One failure code; see ERROR_CODES. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The people on every test call and whether the real keychain is there: shared by the Playwright
 * suite (test/e2e/support/handoff.ts) and the Vitest ones, so this module imports neither.
 */

/** The agent's own number in these tests, as Plivo takes it and as the agent types it. */
export const AGENT = '+14152223333';
export const AGENT_TYPED = '(415) 222-3333';
/** The customer on the call. */
export const CUSTOMER = '+14152224444';
export const CUSTOMER_SHOWN = '(415) 222-4444';
/** The colleague a transfer goes to. */
export const COLLEAGUE = '+14152225555';
export const COLLEAGUE_SHOWN = '(415) 222-5555';

/** Whether the real OS keychain is there (test/run-with-keyring.mjs sets this). */
export const keyringReady = process.env['HANDOFF_KEYRING'] === 'ready';

/**
 * The end-to-end fixture: per test a PHLO simulator, the real core on a temporary data folder and a
 * keychain service of its own, and the browser preview over the built renderer, all torn down after.
 * The page is Debian's Chromium (playwright.config.ts); nothing here is a fake.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { RecordedRequest } from '../../../main/simulator/server';
import { startHandoffStack, type HandoffStack } from '../../support/handoff-stack';
import { AGENT, CUSTOMER, keyringReady } from '../../support/numbers';
import { RENDERER_DIR, requireBuild } from './build';

export { expect };
export type { ConfigureOptions } from '../../support/handoff-stack';

/** The numbers every spec uses, from the module the Vitest suites share (no Playwright in it). */
export { AGENT, AGENT_TYPED, COLLEAGUE, COLLEAGUE_SHOWN, CUSTOMER, CUSTOMER_SHOWN } from '../../support/numbers';

/** Skips the test, loudly, when it needs the real keychain and there is none. */
export function needsKeyring(): void {
  if (keyringReady) return;
  const reason =
    'HANDOFF_KEYRING is not "ready": this test saves credentials in the real OS keychain. ' +
    'Run the suite through `node test/run-with-keyring.mjs npx playwright test`.';
  console.warn(`SKIPPED: ${base.info().title}: ${reason}`);
  base.skip(true, reason);
}

/** Everything one test runs against: the stack, and what the specs ask of the simulator. */
export interface Handoff extends Omit<HandoffStack, 'close'> {
  /** Starts the live call between the agent and the customer in the simulator (PHLO has no API for it). */
  startLiveCall(): void;
  /** The PHLO requests that would change a call (POSTs), in order. */
  actions(): RecordedRequest[];
  /** The `action` of each of `actions()`, for tests that care only what was asked, in order. */
  actionNames(): string[];
  /** Each member's state in the simulator's one live call, by address: what Plivo holds to be true. */
  simStates(): Record<string, string>;
}

/** Records what the page must never do: throw, break its Content-Security-Policy, or fetch from elsewhere. */
interface PageProblems {
  problems: string[];
}

/** What a test may set with `test.use`. */
interface Options {
  /**
   * Files written into the data folder before the core starts, by path inside it: what IT presets
   * (settings.json) or what an earlier run left behind.
   */
  dataFiles: Record<string, string>;
  /** Where the core sends PHLO requests, when not to the simulator: an address a request cannot leave for. */
  phloBaseUrl: string | null;
  /** Files written into the machine policy folder (HANDOFF_POLICY_DIR) before the core starts: policy.json. */
  policyFiles: Record<string, string>;
}

export const test = base.extend<{ handoff: Handoff; pageProblems: PageProblems } & Options>({
  dataFiles: [{}, { option: true }],
  phloBaseUrl: [null, { option: true }],
  policyFiles: [{}, { option: true }],

  handoff: async ({ dataFiles, phloBaseUrl, policyFiles }, use, testInfo) => {
    requireBuild();
    const stack = await startHandoffStack({ rendererDir: RENDERER_DIR, dataFiles, policyFiles, phloBaseUrl, label: 'handoff-e2e' });
    const { sim } = stack;
    const handoff: Handoff = {
      ...stack,
      async restart() {
        await stack.restart();
        handoff.core = stack.core;
        handoff.preview = stack.preview;
      },
      async configure(options = {}) {
        needsKeyring();
        await stack.configure(options);
      },
      startLiveCall() {
        sim.createCall(AGENT, CUSTOMER);
      },
      actions: () => sim.requests().filter((r) => r.method === 'POST'),
      actionNames: () => handoff.actions().map((r) => (r.body as { action: string }).action),
      simStates() {
        const [live] = sim.calls();
        return Object.fromEntries((live?.members ?? []).map((m) => [m.address, m.state]));
      },
    };

    try {
      await use(handoff);
    } finally {
      const log = join(stack.dataDir, 'logs', 'handoff.log');
      if (testInfo.status !== testInfo.expectedStatus && existsSync(log)) {
        await testInfo.attach('handoff.log', { path: log, contentType: 'text/plain' });
      }
      await stack.close();
    }
  },

  pageProblems: [
    async ({ page }, use) => {
      const recorded: PageProblems = { problems: [] };
      page.on('pageerror', (error) => recorded.problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        // A violation (something blocked), or the browser saying the policy itself is wrong.
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          recorded.problems.push(`CSP: ${message.text()}`);
        }
      });
      // No web fonts, scripts or anything else from anywhere but this machine (issue 3, item 1).
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol === 'data:' || url.protocol === 'about:') return;
        if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') recorded.problems.push(`fetched ${request.url()}`);
      });
      await use(recorded);
      expect(recorded.problems, 'the page threw, broke its CSP or fetched from another host').toEqual([]);
    },
    { auto: true },
  ],
});

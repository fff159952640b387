/**
 * The end-to-end fixture: per test a PHLO simulator, the real core on a temporary data folder and a
 * keychain service of its own, and the browser preview over the built renderer, all torn down after.
 * The page is Debian's Chromium (playwright.config.ts); nothing here is a fake.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { ChannelName } from '../../../main/contract/ipc';
import type { Result } from '../../../main/contract/result';
import { createCore, type Core } from '../../../main/core';
import { dispatch } from '../../../main/handlers/channel-handlers';
import { startPreviewServer, type Preview } from '../../../main/preview/preview-server';
import { startSimulator, type RecordedRequest, type Simulator } from '../../../main/simulator/server';
import { AGENT, CUSTOMER, keyringReady } from '../../support/numbers';
import { RENDERER_DIR, requireBuild } from './build';

export { expect };

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

/** Everything one test runs against. */
export interface Handoff {
  sim: Simulator;
  core: Core;
  preview: Preview;
  dataDir: string;
  /** The keychain service this test's credentials live under. */
  service: string;
  /** The simulator's Auth Token: distinctive, so a leak anywhere is found by a plain search. */
  authToken: string;
  /**
   * Closes the core and the preview and starts new ones on the same data folder, policy folder and
   * keychain service, as an agent's restart does; `preview` is then the new one (a new URL).
   */
  restart(): Promise<void>;
  /** Sends a request to the core as the bridge would (schema-checked), bypassing the page. */
  call(channel: ChannelName, payload?: unknown): Promise<Result<unknown>>;
  /** Saves settings and credentials straight into the core, for tests whose subject is not Settings. */
  configure(options?: ConfigureOptions): Promise<void>;
  /** Starts the live call between the agent and the customer in the simulator (PHLO has no API for it). */
  startLiveCall(): void;
  /** The PHLO requests that would change a call (POSTs), in order. */
  actions(): RecordedRequest[];
  /** The `action` of each of `actions()`, for tests that care only what was asked, in order. */
  actionNames(): string[];
  /** Each member's state in the simulator's one live call, by address: what Plivo holds to be true. */
  simStates(): Record<string, string>;
}

/** What `configure` may change from the defaults: a wrong token, or a short timeout. */
export interface ConfigureOptions {
  authToken?: string;
  requestTimeoutMs?: number;
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
    const dataDir = await mkdtemp(join(tmpdir(), 'handoff-e2e-'));
    // A policy folder of the test's own, even when empty, so this machine's policy never leaks in.
    const policyDir = await mkdtemp(join(tmpdir(), 'handoff-e2e-policy-'));
    for (const [dir, files] of [[dataDir, dataFiles], [policyDir, policyFiles]] as const) {
      for (const [path, text] of Object.entries(files)) {
        const file = join(dir, path);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, text);
      }
    }
    const authToken = `e2eToken${randomBytes(12).toString('hex')}`;
    const service = `Handoff test ${randomUUID()}`;
    const sim = await startSimulator({ authToken });
    const startCore = () =>
      createCore({
        dataDir,
        env: { HANDOFF_PHLO_BASE_URL: phloBaseUrl ?? sim.baseUrl, HANDOFF_LOG_LEVEL: 'debug', HANDOFF_POLICY_DIR: policyDir },
        keychainService: service,
      });
    let core = await startCore();
    let preview = await startPreviewServer({ core, rendererDir: RENDERER_DIR, port: 0 });
    const call = (channel: ChannelName, payload?: unknown) => dispatch(core.handlers, channel, payload, core.logger);

    const handoff: Handoff = {
      sim,
      core,
      preview,
      dataDir,
      service,
      authToken,
      async restart() {
        await preview.close();
        await core.close();
        core = await startCore();
        preview = await startPreviewServer({ core, rendererDir: RENDERER_DIR, port: 0 });
        handoff.core = core;
        handoff.preview = preview;
      },
      call,
      async configure(options = {}) {
        needsKeyring();
        const settings = await call('settings:update', {
          phloId: sim.phloId,
          nodeId: sim.nodeId,
          agentAddress: AGENT,
          ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
        });
        expect(settings, 'settings:update').toMatchObject({ ok: true });
        const saved = await call('credentials:save', { authId: sim.authId, authToken: options.authToken ?? authToken });
        expect(saved, 'credentials:save').toMatchObject({ ok: true });
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
      const log = join(dataDir, 'logs', 'handoff.log');
      if (testInfo.status !== testInfo.expectedStatus && existsSync(log)) {
        await testInfo.attach('handoff.log', { path: log, contentType: 'text/plain' });
      }
      await preview.close();
      await call('demo:stop');
      // Only this test's own service: the agent's real entry is never touched.
      if (keyringReady) await call('credentials:clear');
      await core.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(policyDir, { recursive: true, force: true });
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

/**
 * Handoff as the browser preview runs it, built for one test or one bench run: a PHLO simulator,
 * the real core on a temporary data folder with a keychain service of its own, and the preview
 * server in front of it. The Playwright fixture and `npm run bench` both start from here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChannelName } from '../../main/contract/ipc';
import type { Result } from '../../main/contract/result';
import { createCore, type Core } from '../../main/core';
import { CATALOG_DIR } from './catalogs';
import { dispatch } from '../../main/handlers/channel-handlers';
import { startPreviewServer, type Preview } from '../../main/preview/preview-server';
import { startSimulator, type Simulator } from '../../main/simulator/server';
import { AGENT, keyringReady } from './numbers';
import { english } from './english';

/** What a stack is started with; everything has a default. */
export interface StackOptions {
  /** The built renderer the preview serves. */
  rendererDir: string;
  /** Files written into the data folder before the core starts, by path inside it (what IT presets). */
  dataFiles?: Record<string, string>;
  /** Files written into the machine policy folder before the core starts: policy.json. */
  policyFiles?: Record<string, string>;
  /** Where the core sends PHLO requests, when not to the simulator. */
  phloBaseUrl?: string | null;
  /** The core's log level: tests read `debug`, a bench measures what ships (`info`). */
  logLevel?: string;
  /** A label for the temporary folders' names. */
  label?: string;
}

/** What `configure` may change from the defaults: a wrong token, or a short timeout. */
export interface ConfigureOptions {
  authToken?: string;
  requestTimeoutMs?: number;
}

/** A running simulator, core and preview, and their teardown. */
export interface HandoffStack {
  sim: Simulator;
  core: Core;
  preview: Preview;
  dataDir: string;
  /** The keychain service this stack's credentials live under. */
  service: string;
  /** The simulator's Auth Token: distinctive, so a leak anywhere is found by a plain search. */
  authToken: string;
  /** Sends a request to the core as the bridge would (schema-checked), bypassing the page. */
  call(channel: ChannelName, payload?: unknown): Promise<Result<unknown>>;
  /** Saves settings and credentials straight into the core; throws with the core's refusal. */
  configure(options?: ConfigureOptions): Promise<void>;
  /**
   * Closes the core and the preview and starts new ones on the same data folder, policy folder and
   * keychain service, as an agent's restart does; `core` and `preview` are then the new ones.
   */
  restart(): Promise<void>;
  /** Stops everything and removes the folders and this stack's own keychain entry. */
  close(): Promise<void>;
}

/** Starts a simulator, a core pointed at it (or at `phloBaseUrl`) and the preview over `rendererDir`. */
export async function startHandoffStack(options: StackOptions): Promise<HandoffStack> {
  const label = options.label ?? 'handoff';
  const dataDir = await mkdtemp(join(tmpdir(), `${label}-`));
  // A policy folder of its own, even when empty, so this machine's policy never leaks in.
  const policyDir = await mkdtemp(join(tmpdir(), `${label}-policy-`));
  for (const [dir, files] of [[dataDir, options.dataFiles ?? {}], [policyDir, options.policyFiles ?? {}]] as const) {
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
      env: {
        HANDOFF_PHLO_BASE_URL: options.phloBaseUrl ?? sim.baseUrl,
        HANDOFF_LOG_LEVEL: options.logLevel ?? 'debug',
        HANDOFF_POLICY_DIR: policyDir,
      },
      keychainService: service,
      catalogDir: CATALOG_DIR,
    });
  const core = await startCore();
  const preview = await startPreviewServer({ core, rendererDir: options.rendererDir, port: 0 });
  // The stack's own core at the time of the call: a restart replaces it.
  const call = (channel: ChannelName, payload?: unknown) => dispatch(stack.core.handlers, channel, payload, stack.core.logger);
  const expectOk = async (what: ChannelName, result: Promise<Result<unknown>>) => {
    const answer = await result;
    if (!answer.ok) throw new Error(`${what} refused: ${answer.error.code}: ${english(answer.error.message)}`);
  };

  const stack: HandoffStack = {
    sim,
    core,
    preview,
    dataDir,
    service,
    authToken,
    call,
    async configure(configure = {}) {
      await expectOk(
        'settings:update',
        call('settings:update', {
          phloId: sim.phloId,
          nodeId: sim.nodeId,
          agentAddress: AGENT,
          ...(configure.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: configure.requestTimeoutMs }),
        }),
      );
      await expectOk('credentials:save', call('credentials:save', { authId: sim.authId, authToken: configure.authToken ?? authToken }));
      // Saving starts a reachability check (a read): a fault a caller queues next must meet its own request.
      await stack.core.checksSettled();
    },
    async restart() {
      await stack.preview.close();
      await stack.core.close();
      stack.core = await startCore();
      stack.preview = await startPreviewServer({ core: stack.core, rendererDir: options.rendererDir, port: 0 });
    },
    async close() {
      await stack.preview.close();
      await call('demo:stop');
      // Only this stack's own service: the agent's real entry is never touched.
      if (keyringReady) await call('credentials:clear');
      await stack.core.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(policyDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/**
 * Builds Handoff's core from the real parts (file system, OS keychain, HTTP) and wires them.
 * The Electron shell and the browser preview both start from here; nothing here imports Electron.
 */
import type { AppState, SessionSnapshot } from './contract/domain';
import { ok, fail, type Result } from './contract/result';
import { createCredentialStore } from './credentials/credential-store';
import { loadKeytar } from './credentials/keychain';
import { startDemoProfile, type DemoProfile } from './demo/demo-profile';
import { createDirectory, type Directory } from './directory/directory';
import { createChannelHandlers, type ChannelHandlers } from './handlers/channel-handlers';
import { createLogger, type Logger } from './log/logger';
import { createPhloClient } from './phlo/phlo-client';
import { createPhloHttp, type PlatformFetch } from './phlo/phlo-http';
import { loadPolicy } from './policy/machine-policy';
import { policyFolder } from './policy/policy-folder';
import { runRegQuery } from './policy/registry-policy';
import { createProfile, type Profile } from './profile/profile';
import { createSettingsStore } from './settings/settings-store';

/** Where the core keeps its files and which environment overrides it honours. */
export interface CoreOptions {
  /** Electron's userData in the app; `HANDOFF_DATA_DIR` overrides it. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** The keychain service name; tests pass their own (or set HANDOFF_KEYCHAIN_SERVICE) so they never touch an agent's entry. */
  keychainService?: string;
  /** The platform's fetch for PHLO requests: Electron's, which follows the system proxy; without it, Node's, which follows the proxy variables in `env`. */
  fetch?: PlatformFetch;
}

/** The running core: the channel handlers, the session event source, and its log. */
export interface Core {
  handlers: ChannelHandlers;
  logger: Logger;
  /** The Transfer to directory: tests wait for its files with `ready()`. */
  directory: Directory;
  /** Calls `listener` after every change of the call in the profile in use. */
  onSessionChange(listener: (snapshot: SessionSnapshot | null) => void): () => void;
  /** Whether the preview opens in the demo: allowed, nothing set up yet, and no settings problem the agent must see first. */
  offersDemo(): Promise<boolean>;
  /** Stops the demo's simulator, if one runs, and the directory's folder watches. */
  close(): Promise<void>;
}

/** The keychain entry's service name in the real app. */
const KEYCHAIN_SERVICE = 'Handoff Plivo';

/** Builds the core; the data folder is `HANDOFF_DATA_DIR` when set. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = options.env['HANDOFF_DATA_DIR'] ?? options.dataDir;
  const logger = createLogger({ dataDir, level: options.env['HANDOFF_LOG_LEVEL'] });
  const phlo = createPhloClient(createPhloHttp({ fetch: options.fetch, env: options.env, logger }), logger);
  const policy = await loadPolicy({ platform: process.platform, env: options.env, query: runRegQuery, logger });
  const live = createProfile({
    settings: await createSettingsStore({ dataDir, env: options.env, logger, policy }),
    credentials: createCredentialStore(loadKeytar, {
      service: options.keychainService ?? options.env['HANDOFF_KEYCHAIN_SERVICE'] ?? KEYCHAIN_SERVICE,
      logger,
    }),
    phlo,
    logger,
  });
  // The agent's own country reads both directories, whichever profile is in use.
  const directory = await createDirectory({
    dataDir,
    policyDir: policyFolder(process.platform, options.env),
    defaultCountry: () => live.settings.current().defaultCountry,
    logger,
  });
  let demo: (DemoProfile & { unsubscribe: () => void }) | null = null;
  const active = (): Profile => demo?.profile ?? live;

  const listeners = new Set<(snapshot: SessionSnapshot | null) => void>();
  const publish = () => {
    const snapshot = active().session.snapshot();
    for (const listener of listeners) listener(snapshot);
  };
  const demoAllowed = () => live.settings.current().allowDemo;
  const forward = (profile: Profile) => profile.session.onChange(() => {
    if (active() === profile) publish();
  });
  forward(live);

  async function state(): Promise<Result<AppState>> {
    return ok({
      mode: demo === null ? 'live' : 'demo',
      configured: await active().isConfigured(),
      settingsProblem: live.settings.problem(),
      demoAllowed: demoAllowed(),
    });
  }

  async function startDemo(): Promise<Result<AppState>> {
    if (demo !== null) return state();
    if (!demoAllowed()) return fail('enforced_by_policy', 'Your organization has turned the demo off on this computer.');
    if (live.session.snapshot() !== null) return fail('invalid_state', 'End the open call before starting the demo.');
    let started: DemoProfile;
    try {
      started = await startDemoProfile({ phlo, logger });
    } catch (error) {
      logger.error({ err: error }, 'demo did not start');
      return fail('internal', 'The demo could not start. The details are in Handoff\'s log.');
    }
    demo = { ...started, unsubscribe: forward(started.profile) };
    logger.info('demo started');
    publish();
    return state();
  }

  async function dropDemo(): Promise<void> {
    const stopping = demo;
    demo = null;
    stopping?.unsubscribe();
    await stopping?.close();
  }

  async function stopDemo(): Promise<Result<AppState>> {
    if (demo === null) return state();
    if (demo.profile.session.snapshot()?.pending != null) return fail('busy', 'Wait for the current action to finish.');
    await dropDemo();
    logger.info('demo stopped');
    publish();
    return state();
  }

  return {
    handlers: createChannelHandlers({
      profile: active,
      directory,
      app: {
        state,
        startDemo,
        stopDemo,
        dismissSettingsProblem: () => {
          live.settings.dismissProblem();
          return state();
        },
      },
    }),
    logger,
    directory,
    onSessionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    offersDemo: async () => demoAllowed() && live.settings.problem() === null && !(await live.isConfigured()),
    async close() {
      directory.close();
      await dropDemo();
    },
  };
}

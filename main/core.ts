/**
 * Builds Handoff's core from the real parts (file system, OS keychain, HTTP) and wires them.
 * The Electron shell and the browser preview both start from here; nothing here imports Electron.
 */
import { ofetch } from 'ofetch';
import type { SessionSnapshot } from './contract/domain';
import { createCredentialStore } from './credentials/credential-store';
import { loadKeytar } from './credentials/keychain';
import { createChannelHandlers, type ChannelHandlers } from './handlers/channel-handlers';
import { createLogger, type Logger } from './log/logger';
import { checkConnection } from './phlo/check-connection';
import { createPhloClient } from './phlo/phlo-client';
import { createCallSession } from './session/call-session';
import { createSettingsStore } from './settings/settings-store';

/** Where the core keeps its files and which environment overrides it honours. */
export interface CoreOptions {
  /** Electron's userData in the app; `HANDOFF_DATA_DIR` overrides it. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** The keychain service name; tests pass their own so they never touch a real agent's entry. */
  keychainService?: string;
}

/** The running core: the channel handlers, the session event source, and its log. */
export interface Core {
  handlers: ChannelHandlers;
  logger: Logger;
  onSessionChange(listener: (snapshot: SessionSnapshot | null) => void): () => void;
}

/** The keychain entry's service name in the real app. */
export const KEYCHAIN_SERVICE = 'Handoff Plivo';

/** Builds the core; the data folder is `HANDOFF_DATA_DIR` when set. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = options.env['HANDOFF_DATA_DIR'] ?? options.dataDir;
  const logger = createLogger({ dataDir, level: options.env['HANDOFF_LOG_LEVEL'] });
  const settings = await createSettingsStore({ dataDir, env: options.env, logger });
  const credentials = createCredentialStore(loadKeytar, {
    service: options.keychainService ?? KEYCHAIN_SERVICE,
    logger,
  });
  const phlo = createPhloClient(ofetch, logger);
  const session = createCallSession({ settings, credentials, phlo, logger, now: () => new Date() });
  const handlers = createChannelHandlers({
    settings,
    credentials,
    session,
    testConnection: () => checkConnection(settings, credentials, phlo),
    logger,
  });
  return { handlers, logger, onSessionChange: (listener) => session.onChange(listener) };
}

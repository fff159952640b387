/**
 * One set of settings, credentials and call session: the agent's own (live, against Plivo) or the
 * demo's (against the built-in simulator). The core switches between two of these.
 */
import type { ConnectionCheck } from '../contract/domain';
import type { Result } from '../contract/result';
import type { CredentialStore } from '../credentials/credential-store';
import type { JournalWriter } from '../journal/journal';
import type { RestoredCall } from '../journal/restore';
import type { Logger } from '../log/logger';
import { checkConnection } from '../phlo/check-connection';
import type { PhloClient } from '../phlo/phlo-client';
import { createCallSession, type CallSession } from '../session/call-session';
import { requireSettings } from '../settings/require-settings';
import type { SettingsStore } from '../settings/settings-store';

/** Everything the profile channels act on. */
export interface Profile {
  settings: SettingsStore;
  credentials: CredentialStore;
  session: CallSession;
  testConnection(): Promise<Result<ConnectionCheck>>;
  /** Whether calls can be handled: every needed setting and the credentials are there. */
  isConfigured(): Promise<boolean>;
}

/** The real parts a profile is built from. */
export interface ProfileParts {
  settings: SettingsStore;
  credentials: CredentialStore;
  phlo: PhloClient;
  logger: Logger;
  /** The agent's journal; the demo keeps none, so it never writes into or restores from the agent's. */
  journal?: JournalWriter;
  /** The call the journal says was open when Handoff last stopped. */
  restored?: RestoredCall | null;
}

/** Builds a profile's session and connection check on its own settings and credentials. */
export function createProfile({ settings, credentials, phlo, logger, journal, restored }: ProfileParts): Profile {
  return {
    settings,
    credentials,
    session: createCallSession({
      settings,
      credentials,
      phlo,
      logger,
      now: () => new Date(),
      ...(journal === undefined ? {} : { journal }),
      restored: restored ?? null,
    }),
    testConnection: () => checkConnection(settings, credentials, phlo),
    async isConfigured() {
      if (!requireSettings(settings.current(), ['phloId', 'nodeId', 'agentAddress'] as const).ok) return false;
      const status = await credentials.status();
      return status.ok && status.value.set;
    },
  };
}

/** Where a PHLO request goes and as whom, assembled from settings and the keychain per request. */
import type { Settings } from '../contract/domain';
import type { Result } from '../contract/result';
import type { SettingsWith } from '../settings/require-settings';
import type { PhloTarget } from './phlo-client';

/** Reads settings as they are at the moment of a request, so a change applies at once. */
export interface SettingsSource {
  current(): Settings;
  effectivePhloBaseUrl(): string;
}

/** Lends the saved credentials for the time one request is built, and keeps no copy. */
export interface CredentialLender {
  use<T>(fn: (credentials: { authId: string; authToken: string }) => Promise<Result<T>>): Promise<Result<T>>;
}

/** Builds the target of one request; the token lives only as long as the request. */
export function phloTarget(
  settings: SettingsWith<'phloId' | 'nodeId'>,
  baseUrl: string,
  credentials: { authId: string; authToken: string },
): PhloTarget {
  return {
    baseUrl,
    phloId: settings.phloId,
    nodeId: settings.nodeId,
    timeoutMs: settings.requestTimeoutMs,
    authId: credentials.authId,
    authToken: credentials.authToken,
  };
}

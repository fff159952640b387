import type { ConnectionCheck } from '../contract/domain';
import { ok, type Failure, type Result } from '../contract/result';
import { text, type Text } from '../contract/text';
import { requireSettings } from '../settings/require-settings';
import type { PhloClient } from './phlo-client';
import { phloTarget, type CredentialLender, type SettingsSource } from './phlo-target';

/**
 * Test connection is pressed in Settings, so its failures are worded for an agent already there
 * (the PHLO client's "check them in Settings" would send them where they are) and name the field
 * to put the reason beside.
 */
const IN_SETTINGS: Partial<Record<Failure['code'], { message: Text; field?: string }>> = {
  invalid_credentials: { message: text('error.checkConnection.invalidCredentials'), field: 'authToken' },
  credentials_missing: { message: text('error.checkConnection.credentialsMissing'), field: 'authId' },
  not_found: { message: text('error.checkConnection.notFound') },
};

/** "Test connection": reads the multi-party call node, which proves IDs, credentials and network at once. */
export async function checkConnection(
  settings: SettingsSource,
  credentials: CredentialLender,
  phlo: PhloClient,
): Promise<Result<ConnectionCheck>> {
  const config = requireSettings(settings.current(), ['phloId', 'nodeId'] as const);
  if (!config.ok) return config;
  const node = await credentials.use((c) => phlo.readNode(phloTarget(config.value, settings.effectivePhloBaseUrl(), c)));
  if (node.ok) return ok({ nodeName: node.value.name, apiId: node.value.apiId });
  const words = IN_SETTINGS[node.error.code];
  if (words === undefined) return node;
  const detail = words.field === undefined ? node.error.detail : { ...node.error.detail, field: words.field };
  return { ok: false, error: { ...node.error, message: words.message, ...(detail === undefined ? {} : { detail }) } };
}

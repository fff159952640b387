import type { ConnectionCheck } from '../contract/domain';
import { ok, type Failure, type Result } from '../contract/result';
import { requireSettings } from '../settings/require-settings';
import type { PhloClient } from './phlo-client';
import { phloTarget, type CredentialLender, type SettingsSource } from './phlo-target';

/**
 * Test connection is pressed in Settings, so its failures are worded for an agent already there
 * (the PHLO client's "check them in Settings" would send them where they are) and name the field
 * to put the reason beside.
 */
const IN_SETTINGS: Partial<Record<Failure['code'], { message: string; field?: string }>> = {
  invalid_credentials: {
    message:
      'Plivo refused this Auth ID and Auth Token. Paste the Auth Token again from the Plivo console; if the Auth ID there differs from the one saved, change it too.',
    field: 'authToken',
  },
  credentials_missing: { message: 'Enter your Plivo Auth ID and Auth Token, then test again.', field: 'authId' },
  not_found: {
    message: 'Plivo does not know this PHLO ID and node ID: compare them with the PHLO console, and check that the PHLO is deployed.',
  },
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

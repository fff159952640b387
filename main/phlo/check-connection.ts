import type { ConnectionCheck } from '../contract/domain';
import { ok, type Result } from '../contract/result';
import { requireSettings } from '../settings/require-settings';
import type { PhloClient } from './phlo-client';
import { phloTarget, type CredentialLender, type SettingsSource } from './phlo-target';

/** "Test connection": reads the multi-party call node, which proves IDs, credentials and network at once. */
export async function checkConnection(
  settings: SettingsSource,
  credentials: CredentialLender,
  phlo: PhloClient,
): Promise<Result<ConnectionCheck>> {
  const config = requireSettings(settings.current(), ['phloId', 'nodeId'] as const);
  if (!config.ok) return config;
  const node = await credentials.use((c) => phlo.readNode(phloTarget(config.value, settings.effectivePhloBaseUrl(), c)));
  return node.ok ? ok({ nodeName: node.value.name, apiId: node.value.apiId }) : node;
}

import type { Settings } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text, type Text } from '../contract/text';

type Needed = 'phloId' | 'nodeId' | 'agentAddress';

const NAMES: Record<Needed, Text> = {
  phloId: text('error.notConfigured.phloId'),
  nodeId: text('error.notConfigured.nodeId'),
  agentAddress: text('error.notConfigured.agentAddress'),
};

/** Settings with the named fields known to be set. */
export type SettingsWith<K extends Needed> = Settings & { [P in K]: string };

/** Refuses an operation, naming every missing setting, before anything is sent. */
export function requireSettings<K extends Needed>(settings: Settings, needed: readonly K[]): Result<SettingsWith<K>> {
  const missing = needed.filter((key) => settings[key] === null);
  if (missing.length > 0) {
    return fail('not_configured', text('error.notConfigured', { settings: missing.map((key) => NAMES[key]) }), {
      field: missing[0] ?? '',
    });
  }
  return ok(settings as SettingsWith<K>);
}

/**
 * Where machine policy lives on each platform: a folder only administrators can write, so an agent
 * cannot lift a lock by editing it. Plain Node with the platform passed in, so every branch runs in
 * the tests on any OS.
 */
import { posix, win32 } from 'node:path';

// Moves the policy folder: tests, the preview, a trial on one machine.
const POLICY_DIR_VARIABLE = 'HANDOFF_POLICY_DIR';

/** The folder `policy.json` is read from on `platform`, unless HANDOFF_POLICY_DIR names another. */
export function policyFolder(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  const override = env[POLICY_DIR_VARIABLE]?.trim() ?? '';
  if (override !== '') return override;
  if (platform === 'win32') return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Handoff');
  // eslint-disable-next-line i18next/no-literal-string -- a macOS folder's name, the same in every language.
  if (platform === 'darwin') return posix.join('/Library', 'Application Support', 'Handoff');
  return posix.join('/etc', 'handoff');
}

/**
 * Machine policy from a macOS configuration profile: MDM writes a profile's custom settings for
 * `com.handoff.desktop` (assets/policy/com.handoff.desktop.mobileconfig is an example) to
 * `/Library/Managed Preferences/com.handoff.desktop.plist`, owned by root, as `Defaults` and
 * `Enforced` dictionaries. The file is read rather than the app's user defaults, which the agent
 * could write themselves. plutil, which every Mac has, turns it into JSON; it is passed in, so the
 * reading is tested on recorded output anywhere.
 */
import { execFile } from 'node:child_process';
import { text, type Text } from '../contract/text';
import { EMPTY_SOURCE, isRecord, type PolicySection, type PolicySectionName, type PolicySource } from './policy-source';

/** Where MDM writes the machine-wide managed preferences of Handoff's bundle id. */
export const MANAGED_PREFERENCES = '/Library/Managed Preferences/com.handoff.desktop.plist';

/** How `plutil -convert json` ended: null output when the file is absent. */
export type PlistToJson = (path: string) => Promise<{ json: string | null; problem: string | null }>;

const KEYS: Record<PolicySectionName, string> = { defaults: 'Defaults', enforced: 'Enforced' };
const PLUTIL_TIMEOUT_MS = 5000;

/** The real plutil; an absent file is no policy, not a problem. */
export const runPlutil: PlistToJson = (path) =>
  new Promise((resolve) => {
    execFile('/usr/bin/plutil', ['-convert', 'json', '-o', '-', path], { timeout: PLUTIL_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error === null) resolve({ json: stdout, problem: null });
      else if (/no such file|doesn.t exist/i.test(stderr)) resolve({ json: null, problem: null });
      else resolve({ json: null, problem: stderr.trim() || error.message });
    });
  });

/** Both sections of the managed preferences; keys other than the two are the profile's own and ignored. */
export async function readManagedPreferences(convert: PlistToJson): Promise<PolicySource> {
  const { json, problem } = await convert(MANAGED_PREFERENCES);
  if (problem !== null) return { sections: [], problems: [text('policy.problem.unreadable', { file: MANAGED_PREFERENCES, reason: problem })] };
  if (json === null) return EMPTY_SOURCE;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { sections: [], problems: [text('policy.problem.notPropertyList', { file: MANAGED_PREFERENCES })] };
  }
  const sections: PolicySection[] = [];
  const problems: Text[] = [];
  for (const section of ['defaults', 'enforced'] as const) {
    const values = isRecord(data) ? data[KEYS[section]] : undefined;
    if (values === undefined) continue;
    const where = text('policy.where.profileSection', { section: KEYS[section] });
    if (isRecord(values)) sections.push({ section, where, values });
    else problems.push(text('policy.problem.sectionNotDictionary', { where }));
  }
  return { sections, problems };
}


/**
 * Machine policy in the Windows registry, where Group Policy (and the ADMX template in
 * assets/policy/) writes it: `HKLM\SOFTWARE\Policies\Handoff\Defaults` and `...\Enforced`.
 * Read by running reg.exe, passed in, so the reading and parsing are tested on recorded output.
 */
import { execFile } from 'node:child_process';
import type { Settings } from '../contract/domain';
import { text, type Text } from '../contract/text';
import type { PolicySection, PolicySectionName, PolicySource } from './policy-source';
import { parseRegQuery, type RegistryValue } from './registry-output';
import { SETTING_KINDS, type SettingKind } from './setting-kinds';

/** The key Group Policy writes Handoff's policy under; the sections are its subkeys. */
export const POLICY_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Handoff';

const SUBKEYS: Record<PolicySectionName, string> = { defaults: 'Defaults', enforced: 'Enforced' };

/** How `reg.exe query` ended: its exit code (null when it never ran or was stopped) and what it printed. */
export interface RegQueryOutput {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `reg.exe query <key>`; tests pass recorded output instead. */
export type RegQuery = (key: string) => Promise<RegQueryOutput>;

/** A slow or hung reg.exe must not hold up the window; policy is read once, at start. */
const REG_TIMEOUT_MS = 5000;

/** The real reg.exe, with a timeout and no console window. */
export const runRegQuery: RegQuery = (key) =>
  new Promise((resolve) => {
    execFile('reg.exe', ['query', key], { timeout: REG_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      // A non-zero exit gives a numeric code; a spawn failure a string one; a timeout kills it (no code).
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ exitCode, stdout, stderr: stderr === '' && error !== null ? error.message : stderr });
    });
  });

/** Both sections from the registry; an absent key means nothing is set there. */
export async function readRegistryPolicy(query: RegQuery): Promise<PolicySource> {
  const sections: PolicySection[] = [];
  const problems: Text[] = [];
  for (const section of ['defaults', 'enforced'] as const) {
    const key = `${POLICY_KEY}\\${SUBKEYS[section]}`;
    const output = await query(key);
    // reg.exe exits 1 when the key does not exist (its message is in the system's language).
    if (output.exitCode === 1) continue;
    if (output.exitCode !== 0) {
      const said = output.stderr.trim();
      problems.push(said === '' ? text('policy.problem.registryNoAnswer', { key }) : text('policy.problem.registryUnreadable', { key, reason: said }));
      continue;
    }
    const values = parseRegQuery(output.stdout);
    sections.push({ section, where: key, values: Object.fromEntries(values.map((value) => [value.name, asSetting(value)])) });
  }
  return { sections, problems };
}

/**
 * The registry has no booleans and Group Policy writes numbers as DWORDs; each value is read as its
 * field expects, and anything else is left as it is for the settings rules to refuse by name.
 */
function asSetting(value: RegistryValue): unknown {
  const kind: SettingKind | undefined = Object.hasOwn(SETTING_KINDS, value.name) ? SETTING_KINDS[value.name as keyof Settings] : undefined;
  const data = Array.isArray(value.data) && value.data.length === 1 ? value.data[0] : value.data;
  if (kind?.kind === 'boolean' && (data === 0 || data === 1)) return data === 1;
  if (kind?.kind === 'number' && typeof data === 'string' && /^\s*\d+\s*$/.test(data)) return Number(data);
  return data;
}

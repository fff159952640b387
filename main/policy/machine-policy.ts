/**
 * The machine policy IT sets: `policy.json` in the policy folder and, over it, the Windows registry
 * (Group Policy) or a macOS configuration profile (MDM). Every value passes the same field rules as settings.json; a bad value is
 * reported and skipped, field by field, so one typo never throws away the rest of a policy.
 */
import * as v from 'valibot';
import { parseAddress } from '../address/address';
import type { Settings } from '../contract/domain';
import { SettingsFields } from '../contract/ipc';
import { issueText } from '../contract/known-text';
import { text, type Text } from '../contract/text';
import type { Logger } from '../log/logger';
import { DEFAULT_SETTINGS } from '../settings/settings-store';
import { policyFolder } from './policy-folder';
import { readPolicyFile } from './policy-file';
import { EMPTY_SOURCE, type PolicySection, type PolicySource } from './policy-source';
import { readManagedPreferences, type PlistToJson } from './managed-preferences';
import { readRegistryPolicy, type RegQuery } from './registry-policy';
import { SETTING_NAMES } from './setting-kinds';

/** The checked policy: each section's valid values, and what was ignored. */
export interface Policy {
  /** Used where the agent has set nothing. */
  defaults: Partial<Settings>;
  /** The agent cannot change these. */
  enforced: Partial<Settings>;
  /** What IT should fix, one Text each (each says the policy is partly ignored); empty when the whole policy was usable. */
  problems: Text[];
}

/** What reading the policy depends on: passed in so every platform's path is tested anywhere. */
export interface PolicyOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Runs reg.exe; used on Windows only. */
  query: RegQuery;
  /** Runs plutil on the managed preferences; used on macOS only. */
  plutil: PlistToJson;
  logger: Logger;
}

/** Reads and checks the file, then the registry over it; never throws for anything IT wrote. */
export async function loadPolicy(options: PolicyOptions): Promise<Policy> {
  const logger = options.logger.child({ module: 'policy' });
  const folder = policyFolder(options.platform, options.env);
  // Later sources win: what Group Policy or MDM writes over the file.
  const sources = [await readPolicyFile(folder), await managedSource(options)];
  const policy: Omit<Policy, 'problems'> = { defaults: {}, enforced: {} };
  const problems: Text[] = [];
  for (const source of sources) {
    problems.push(...source.problems);
    for (const section of source.sections) {
      const checked = checkSection(section);
      Object.assign(policy[section.section], checked.values);
      problems.push(...checked.problems);
    }
  }
  readAgentAddresses(policy, problems);
  for (const problem of problems) logger.warn({ folder, problem }, 'machine policy: part of it is ignored');
  if (problems.length === 0 && (Object.keys(policy.defaults).length > 0 || Object.keys(policy.enforced).length > 0)) {
    logger.info({ folder, defaults: Object.keys(policy.defaults), enforced: Object.keys(policy.enforced) }, 'machine policy applied');
  }
  // Each on its own paragraph, each saying what it is: the agent passes them on to IT.
  return { ...policy, problems: problems.map((problem) => text('policy.problem.ignored', { problem })) };
}

/** The platform's managed policy: Group Policy's registry keys on Windows, MDM's profile on macOS. */
function managedSource(options: PolicyOptions): Promise<PolicySource> {
  if (options.platform === 'win32') return readRegistryPolicy(options.query);
  if (options.platform === 'darwin') return readManagedPreferences(options.plutil);
  return Promise.resolve(EMPTY_SOURCE);
}

/** Each known field through its own rule, so a bad one leaves the others in force. */
function checkSection({ where, values }: PolicySection): { values: Partial<Settings>; problems: Text[] } {
  // Each field's own rule gave its value, so it has that field's type.
  const valid: Record<string, unknown> = {};
  const problems: Text[] = [];
  const unknownKeys = Object.keys(values).filter((key) => !Object.hasOwn(SettingsFields, key));
  if (unknownKeys.length > 0) {
    problems.push(text('policy.problem.unknownSettings', { where, unknown: unknownKeys, known: SETTING_NAMES }));
  }
  for (const name of SETTING_NAMES) {
    if (!Object.hasOwn(values, name)) continue;
    const parsed = v.safeParse(SettingsFields[name], values[name]);
    if (parsed.success) valid[name] = parsed.output;
    else problems.push(text('policy.problem.settingIgnored', { where, name, problem: issueText(parsed.issues[0]) }));
  }
  return { values: valid, problems };
}

/**
 * An agent number is read with a country; the policy's own (enforced, then default) is the one IT
 * meant, and the result is stored as Plivo takes it so any agent's country reads it the same.
 */
function readAgentAddresses(policy: Omit<Policy, 'problems'>, problems: Text[]): void {
  const country = policy.enforced.defaultCountry ?? policy.defaults.defaultCountry ?? DEFAULT_SETTINGS.defaultCountry;
  for (const section of ['defaults', 'enforced'] as const) {
    const address = policy[section].agentAddress;
    if (address === undefined || address === null) continue;
    const parsed = parseAddress(address, country);
    if (parsed.ok) {
      policy[section].agentAddress = parsed.value;
    } else {
      delete policy[section].agentAddress;
      problems.push(text('policy.problem.agentAddressIgnored', { section, problem: parsed.error.message }));
    }
  }
}

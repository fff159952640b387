/** What one place IT writes policy to (the file, the registry) hands over, before the settings rules are applied. */
import type { Text, TextParam } from '../contract/text';

/** The two parts of a policy: what applies where the agent set nothing, and what the agent cannot change. */
export type PolicySectionName = 'defaults' | 'enforced';

/** One section as found, its values not yet checked. */
export interface PolicySection {
  section: PolicySectionName;
  /** Where IT wrote it, as an admin would look it up: a file and section, or a registry key (named in the problems). */
  where: TextParam;
  values: Readonly<Record<string, unknown>>;
}

/** Everything one place holds, and why any of it could not be read at all. */
export interface PolicySource {
  sections: PolicySection[];
  problems: Text[];
}

/** A place with nothing in it: the usual case, and no problem. */
export const EMPTY_SOURCE: PolicySource = { sections: [], problems: [] };

/** Whether IT wrote a JSON object or dictionary where one belongs, rather than a list or a value. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

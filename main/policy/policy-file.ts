/**
 * `policy.json` in the machine's policy folder: `{ "defaults": {...}, "enforced": {...} }` over the
 * fields of settings.json. Whatever is wrong with it is reported and the rest is used; a broken
 * policy never keeps Handoff from starting, and the file is never moved (only IT may touch it).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reasonOf } from '../settings/settings-store';
import { EMPTY_SOURCE, isRecord, type PolicySection, type PolicySectionName, type PolicySource } from './policy-source';

const SECTIONS: readonly PolicySectionName[] = ['defaults', 'enforced'];

/** Reads `<folder>/policy.json`; no file means no policy. */
export async function readPolicyFile(folder: string): Promise<PolicySource> {
  const file = join(folder, 'policy.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return EMPTY_SOURCE;
    return { sections: [], problems: [`Handoff could not read ${file} (${reasonOf(error)}).`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { sections: [], problems: [`${file} is not valid JSON (${reasonOf(error)}).`] };
  }
  if (!isRecord(data)) return { sections: [], problems: [`${file} does not hold a JSON object.`] };

  const problems: string[] = [];
  const unknownKeys = Object.keys(data).filter((key) => !SECTIONS.includes(key as PolicySectionName));
  if (unknownKeys.length > 0) {
    problems.push(`${file} has parts Handoff does not know, which it ignores: ${unknownKeys.join(', ')}. The known ones are defaults and enforced.`);
  }
  const sections: PolicySection[] = [];
  for (const section of SECTIONS) {
    const values = data[section];
    if (values === undefined) continue;
    if (isRecord(values)) sections.push({ section, where: `${file} "${section}"`, values });
    else problems.push(`${file} "${section}" is ignored: it must be a JSON object of settings.`);
  }
  return { sections, problems };
}


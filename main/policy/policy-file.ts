/**
 * `policy.json` in the machine's policy folder: `{ "defaults": {...}, "enforced": {...} }` over the
 * fields of settings.json. Whatever is wrong with it is reported and the rest is used; a broken
 * policy never keeps Handoff from starting, and the file is never moved (only IT may touch it).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text, type Text } from '../contract/text';
import { reasonOf } from '../settings/settings-store';
import { EMPTY_SOURCE, isRecord, type PolicySection, type PolicySectionName, type PolicySource } from './policy-source';

const SECTIONS: readonly PolicySectionName[] = ['defaults', 'enforced'];

/** Reads `<folder>/policy.json`; no file means no policy. */
export async function readPolicyFile(folder: string): Promise<PolicySource> {
  const file = join(folder, 'policy.json');
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return EMPTY_SOURCE;
    return { sections: [], problems: [text('policy.problem.unreadable', { file, reason: reasonOf(error) })] };
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return { sections: [], problems: [text('policy.problem.notJson', { file, reason: reasonOf(error) })] };
  }
  if (!isRecord(data)) return { sections: [], problems: [text('policy.problem.notObject', { file })] };

  const problems: Text[] = [];
  const unknownKeys = Object.keys(data).filter((key) => !SECTIONS.includes(key as PolicySectionName));
  if (unknownKeys.length > 0) {
    problems.push(text('policy.problem.unknownParts', { file, unknown: unknownKeys, known: SECTIONS }));
  }
  const sections: PolicySection[] = [];
  for (const section of SECTIONS) {
    const values = data[section];
    if (values === undefined) continue;
    const where = text('policy.where.fileSection', { file, section });
    if (isRecord(values)) sections.push({ section, where, values });
    else problems.push(text('policy.problem.sectionNotObject', { where }));
  }
  return { sections, problems };
}


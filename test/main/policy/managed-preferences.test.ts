import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { text } from '../../../main/contract/text';
import { createLogger } from '../../../main/log/logger';
import { loadPolicy } from '../../../main/policy/machine-policy';
import { MANAGED_PREFERENCES, readManagedPreferences, type PlistToJson } from '../../../main/policy/managed-preferences';
import type { RegQuery } from '../../../main/policy/registry-policy';
import { english } from '../../support/english';
import { useTempDirs } from '../../support/temp-dir';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** What `plutil -convert json -o -` prints for the managed preferences the example profile writes. */
const RECORDED = readFileSync(join(ROOT, 'test', 'fixtures', 'plutil', 'managed.json'), 'utf8');
const PHLO_ID = '73d6ab01-a2f6-4a84-850f-21e1d46b30bf';
const tempDir = useTempDirs();
const NODE_ID = 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a';

/** A plutil that prints `json` (null: the file is absent) or fails with `problem`, and remembers the path. */
function plutil(json: string | null, problem: string | null = null): PlistToJson & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign(
    (path: string) => {
      asked.push(path);
      return Promise.resolve({ json, problem });
    },
    { asked },
  );
}

describe('the managed preferences of a configuration profile', () => {
  it('reads Defaults and Enforced from the root-owned file MDM writes, ignoring the profile\'s own keys', async () => {
    const convert = plutil(RECORDED);
    expect(await readManagedPreferences(convert)).toEqual({
      sections: [
        { section: 'defaults', where: text('policy.where.profileSection', { section: 'Defaults' }), values: { defaultCountry: 'GB', requestTimeoutMs: 15000 } },
        { section: 'enforced', where: text('policy.where.profileSection', { section: 'Enforced' }), values: { phloId: PHLO_ID, nodeId: NODE_ID, allowDemo: false } },
      ],
      problems: [],
    });
    expect(convert.asked).toEqual([MANAGED_PREFERENCES]);
  });

  it('is no policy and no problem without a profile', async () => {
    expect(await readManagedPreferences(plutil(null))).toEqual({ sections: [], problems: [] });
  });

  it('reports what it cannot read, and a section that is not a dictionary, without throwing', async () => {
    const problems = async (json: string | null, problem: string | null = null) => (await readManagedPreferences(plutil(json, problem))).problems.map(english);
    expect(await problems(null, 'Permission denied')).toEqual([`Handoff could not read ${MANAGED_PREFERENCES} (Permission denied).`]);
    expect(await problems('not json')).toEqual([expect.stringMatching(/could not be read as a property list/)]);
    const notDictionary = await readManagedPreferences(plutil('{"Enforced":["phloId"]}'));
    expect(notDictionary.sections).toEqual([]);
    expect(notDictionary.problems.map(english)).toEqual(['the configuration profile\'s Enforced is ignored: it must be a dictionary of settings.']);
  });
});

describe('macOS policy', () => {
  const noRegistry: RegQuery = () => Promise.reject(new Error('reg.exe is Windows only'));

  it('reads the profile on macOS only, and its Enforced wins over policy.json\'s', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'policy.json'), JSON.stringify({ enforced: { phloId: '0f1e2d3c-4b5a-4e6a-9d7c-c1a8d3e25b4f', defaultRole: 'customer' } }));
    const logger = createLogger({ dataDir: root, level: 'silent' });
    const load = (platform: NodeJS.Platform, convert: PlistToJson) =>
      loadPolicy({ platform, env: { HANDOFF_POLICY_DIR: root }, query: noRegistry, plutil: convert, logger });

    const linux = plutil(RECORDED);
    await load('linux', linux);
    expect(linux.asked).toEqual([]);
    expect(await load('darwin', plutil(RECORDED))).toEqual({
      defaults: { defaultCountry: 'GB', requestTimeoutMs: 15000 },
      enforced: { phloId: PHLO_ID, nodeId: NODE_ID, allowDemo: false, defaultRole: 'customer' },
      problems: [],
    });
  });
});

/** A property list's XML as the JSON plutil would print for it: dict, array, string, integer, true, false. */
function plistToJson(node: Record<string, unknown>[]): unknown {
  const [first] = node;
  if (first === undefined) return null;
  const [tag] = Object.keys(first).filter((key) => key !== ':@');
  const children = (first[tag ?? ''] ?? []) as Record<string, unknown>[];
  const text = () => String((children[0] as { '#text'?: string | number } | undefined)?.['#text'] ?? '');
  switch (tag) {
    case 'dict': {
      const entries: [string, unknown][] = [];
      for (let i = 0; i < children.length; i += 2) {
        const key = String(((children[i]?.['key'] as { '#text': unknown }[] | undefined)?.[0])?.['#text']);
        entries.push([key, plistToJson(children.slice(i + 1, i + 2))]);
      }
      return Object.fromEntries(entries);
    }
    case 'array':
      return children.map((child) => plistToJson([child]));
    case 'integer':
      return Number(text());
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      return text();
  }
}

describe('the example profile in assets/policy/', () => {
  const xml = readFileSync(join(ROOT, 'assets', 'policy', 'com.handoff.desktop.mobileconfig'), 'utf8');

  it('is a well-formed configuration profile whose Handoff payload Handoff reads without a problem', async () => {
    // Deprecated in favour of fast-xml-validator, which would be one more dependency for one test.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(xml) as Record<string, unknown>[];
    const plist = parsed.find((node) => 'plist' in node)?.['plist'] as Record<string, unknown>[];
    const profile = plistToJson(plist) as { PayloadType: string; PayloadContent: Record<string, unknown>[] };
    expect(profile.PayloadType).toBe('Configuration');
    const payload = profile.PayloadContent.find((content) => content['PayloadType'] === 'com.handoff.desktop');
    expect(payload).toBeDefined();
    // MDM writes the payload's keys to the managed preferences; Handoff must take them as they are.
    const source = await readManagedPreferences(plutil(JSON.stringify(payload)));
    expect(source.problems).toEqual([]);
    const root = await tempDir();
    const policy = await loadPolicy({
      platform: 'darwin',
      env: { HANDOFF_POLICY_DIR: root },
      query: () => Promise.reject(new Error('unused')),
      plutil: plutil(JSON.stringify(payload)),
      logger: createLogger({ dataDir: root, level: 'silent' }),
    });
    expect(policy.problems).toEqual([]);
    expect(Object.keys(policy.enforced).sort()).toEqual(['allowDemo', 'nodeId', 'phloId']);
  });
});

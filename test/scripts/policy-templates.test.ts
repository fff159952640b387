import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { SettingsFields } from '../../main/contract/ipc';
import { SHIPPED_LANGUAGES } from '../../main/i18n/languages';
import { POLICY_CULTURES, policyTemplates, type PolicyTemplates } from '../../scripts/policy-templates';
import { SOURCE_DIR } from '../support/catalogs';

const ASSETS = join(import.meta.dirname, '..', '..', 'assets', 'policy');
const CULTURES = SHIPPED_LANGUAGES.map((tag) => POLICY_CULTURES[tag]);
const committed = async (): Promise<PolicyTemplates> => ({
  admx: await readFile(join(ASSETS, 'Handoff.admx'), 'utf8'),
  adml: Object.fromEntries(
    await Promise.all(CULTURES.map(async (culture): Promise<[string, string]> => [culture, await readFile(join(ASSETS, culture, 'Handoff.adml'), 'utf8')])),
  ),
});
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // One or many, these are always lists, so the checks below read them the same way.
  isArray: (name) => ['policy', 'category', 'string', 'presentation', 'item'].includes(name),
});

interface Policy {
  name: string;
  key: string;
  displayName: string;
  explainText: string;
  presentation: string;
  parentCategory: { ref: string };
  elements: Record<string, { id: string; valueName: string; minValue?: string; maxValue?: string }>;
}

describe('the Group Policy templates', () => {
  it('are committed exactly as the generator builds them from the settings schema and every shipped catalog now', async () => {
    // If this fails after a settings change or a policy.* message (or its translation) changed:
    // run `npm run policy-templates` and commit assets/policy/.
    expect(await committed()).toEqual(await policyTemplates(SOURCE_DIR));
  });

  it('have an ADML in the Windows culture folder of every shipped language', () => {
    expect(CULTURES).toEqual(['en-US', 'de-DE', 'es-ES', 'fr-FR', 'it-IT', 'ja-JP', 'ko-KR', 'pt-BR', 'zh-CN', 'zh-TW', 'ar-SA', 'hi-IN']);
  });

  it('are well-formed XML', async () => {
    const { admx, adml } = await committed();
    // Deprecated in favour of fast-xml-validator, which would be one more dependency for one test.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect([admx, ...Object.values(adml)].map((xml) => XMLValidator.validate(xml))).toEqual(Array(1 + CULTURES.length).fill(true));
  });

  it('offer every settings field under both Defaults and Enforced, writing the value Handoff reads', async () => {
    const { admx } = await committed();
    const doc = parser.parse(admx) as { policyDefinitions: { policies: { policy: Policy[] }; categories: { category: { name: string; parentCategory?: { ref: string } }[] } } };
    const { categories, policies } = doc.policyDefinitions;
    expect(categories.category.map((c) => [c.name, c.parentCategory?.ref])).toEqual([
      ['Handoff', undefined],
      ['Handoff_Defaults', 'Handoff'],
      ['Handoff_Enforced', 'Handoff'],
    ]);
    for (const section of ['Defaults', 'Enforced']) {
      const inSection = policies.policy.filter((p) => p.key === `Software\\Policies\\Handoff\\${section}`);
      expect(inSection.every((p) => p.parentCategory.ref === `Handoff_${section}`)).toBe(true);
      const valueNames = inSection.map((p) => Object.values(p.elements)[0]?.valueName);
      expect(valueNames).toEqual(Object.keys(SettingsFields));
    }
    const elements = (name: string) => policies.policy.find((p) => p.name === name)?.elements;
    expect(Object.keys(elements('Enforced_phloId') ?? {})).toEqual(['text']);
    expect(elements('Enforced_requestTimeoutMs')).toMatchObject({ decimal: { minValue: '1000', maxValue: '60000' } });
    expect(Object.keys(elements('Enforced_defaultRole') ?? {})).toEqual(['enum']);
    expect(Object.keys(elements('Enforced_allowDemo') ?? {})).toEqual(['boolean']);
  });

  it.each(CULTURES)('have a string and a presentation in the %s ADML for everything the ADMX refers to', async (culture) => {
    const { admx, adml } = await committed();
    const doc = parser.parse(adml[culture] ?? '') as {
      policyDefinitionResources: { resources: { stringTable: { string: { id: string }[] }; presentationTable: { presentation: { id: string }[] } } };
    };
    const { stringTable, presentationTable } = doc.policyDefinitionResources.resources;
    const strings = new Set(stringTable.string.map((s) => s.id));
    const presentations = new Set(presentationTable.presentation.map((p) => p.id));
    const refs = (kind: string) => [...admx.matchAll(new RegExp(`\\$\\(${kind}\\.([^)]+)\\)`, 'g'))].map((m) => m[1]);
    expect(refs('string').filter((id) => id === undefined || !strings.has(id))).toEqual([]);
    expect(refs('presentation').filter((id) => id === undefined || !presentations.has(id))).toEqual([]);
    expect(refs('presentation')).toHaveLength(2 * Object.keys(SettingsFields).length);
  });

  it('take each language\'s words from its catalog, and English where the translation lacks a message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'handoff-locales-'));
    try {
      await cp(SOURCE_DIR, dir, { recursive: true });
      await writeFile(join(dir, 'de.json'), JSON.stringify({ 'policy.section.enforced.name': 'Erzwungen' }));
      const { adml } = await policyTemplates(dir);
      expect(adml['de-DE']).toContain('<string id="Handoff_Enforced">Erzwungen</string>');
      expect(adml['de-DE']).toContain('<string id="Handoff_Defaults">Defaults</string>');
      expect(adml['en-US']).toContain('<string id="Handoff_Enforced">Enforced</string>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explain the language setting with every value it takes', async () => {
    const { adml } = await committed();
    const explain = /<string id="Enforced_language_Explain">([^<]*)</.exec(adml['en-US'] ?? '')?.[1] ?? '';
    expect(explain).toContain('system (');
    for (const tag of SHIPPED_LANGUAGES) expect(explain).toMatch(new RegExp(`[ ,]${tag}[,.]`));
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { SettingsFields } from '../../main/contract/ipc';
import { policyTemplates } from '../../scripts/policy-templates';

const ASSETS = join(import.meta.dirname, '..', '..', 'assets', 'policy');
const committed = async () => ({
  admx: await readFile(join(ASSETS, 'Handoff.admx'), 'utf8'),
  adml: await readFile(join(ASSETS, 'en-US', 'Handoff.adml'), 'utf8'),
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
  it('are committed exactly as the generator builds them from the settings schema now', async () => {
    // If this fails after a settings change: run `npm run policy-templates` and commit assets/policy/.
    expect(await committed()).toEqual(policyTemplates());
  });

  it('are well-formed XML', async () => {
    const { admx, adml } = await committed();
    // Deprecated in favour of fast-xml-validator, which would be one more dependency for one test.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect([XMLValidator.validate(admx), XMLValidator.validate(adml)]).toEqual([true, true]);
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

  it('have a string and a presentation in the ADML for everything the ADMX refers to', async () => {
    const { admx, adml } = await committed();
    const doc = parser.parse(adml) as {
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
});

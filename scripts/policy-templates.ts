/**
 * The Group Policy templates for Handoff's machine policy, built from the settings schema and the
 * catalogs: one ADMX (language-neutral: categories and one policy per settings field in a
 * "Defaults" and an "Enforced" category, each writing the registry value Handoff reads) and one
 * ADML per shipped language, in its Windows culture folder, holding the words an admin reads in
 * the Group Policy editor (the `policy.*` messages). A message a translation lacks is English.
 * `npm run policy-templates` writes them to assets/policy/, and a test checks the committed files
 * still equal what this builds.
 * https://learn.microsoft.com/previous-versions/windows/desktop/policy/admx-schema
 */
import type { Settings } from '../main/contract/domain';
import type { MessageId } from '../main/contract/text';
import { compileMessages, readMessages } from '../main/i18n/catalog-files';
import { SHIPPED_LANGUAGES, SOURCE_LANGUAGE } from '../main/i18n/languages';
import { createTranslator, type Translator } from '../main/i18n/translator';
import { POLICY_KEY } from '../main/policy/registry-policy';
import { SETTING_KINDS, SETTING_NAMES } from '../main/policy/setting-kinds';
import { DEFAULT_SETTINGS } from '../main/settings/settings-store';

/** A shipped language, as `locales/<tag>.json` names it. */
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];

/** The Windows culture folder each shipped language's ADML goes in (PolicyDefinitions\<culture>\). */
export const POLICY_CULTURES: Readonly<Record<ShippedLanguage, string>> = {
  en: 'en-US',
  de: 'de-DE',
  es: 'es-ES',
  fr: 'fr-FR',
  it: 'it-IT',
  ja: 'ja-JP',
  ko: 'ko-KR',
  'pt-BR': 'pt-BR',
  'zh-CN': 'zh-CN',
  'zh-TW': 'zh-TW',
  ar: 'ar-SA',
  hi: 'hi-IN',
};

/** The ADMX and, per culture folder, its ADML, as text. */
export interface PolicyTemplates {
  admx: string;
  adml: Record<string, string>;
}

/** What an admin reads for each setting; a new settings field fails the typecheck here until it has messages. */
const WORDS: Record<keyof Settings, { name: MessageId; explain: MessageId }> = {
  phloId: { name: 'policy.setting.phloId.name', explain: 'policy.setting.phloId.explain' },
  nodeId: { name: 'policy.setting.nodeId.name', explain: 'policy.setting.nodeId.explain' },
  agentAddress: { name: 'policy.setting.agentAddress.name', explain: 'policy.setting.agentAddress.explain' },
  defaultRole: { name: 'policy.setting.defaultRole.name', explain: 'policy.setting.defaultRole.explain' },
  defaultCountry: { name: 'policy.setting.defaultCountry.name', explain: 'policy.setting.defaultCountry.explain' },
  phloBaseUrl: { name: 'policy.setting.phloBaseUrl.name', explain: 'policy.setting.phloBaseUrl.explain' },
  requestTimeoutMs: { name: 'policy.setting.requestTimeoutMs.name', explain: 'policy.setting.requestTimeoutMs.explain' },
  allowDemo: { name: 'policy.setting.allowDemo.name', explain: 'policy.setting.allowDemo.explain' },
  journalRetentionDays: { name: 'policy.setting.journalRetentionDays.name', explain: 'policy.setting.journalRetentionDays.explain' },
  bringToFrontShortcut: { name: 'policy.setting.bringToFrontShortcut.name', explain: 'policy.setting.bringToFrontShortcut.explain' },
  keepOnTop: { name: 'policy.setting.keepOnTop.name', explain: 'policy.setting.keepOnTop.explain' },
  notifyOutcomes: { name: 'policy.setting.notifyOutcomes.name', explain: 'policy.setting.notifyOutcomes.explain' },
  language: { name: 'policy.setting.language.name', explain: 'policy.setting.language.explain' },
};

/** Arguments some settings' words name: the values a setting takes, listed as the setting is written. */
const PARAMS: Partial<Record<keyof Settings, Record<string, string>>> = {
  // The tags, as IT writes them: every one Handoff ships, so the list cannot fall behind the catalogs.
  language: { system: 'system', languages: SHIPPED_LANGUAGES.join(', ') },
};

const SECTIONS = [
  { id: 'Defaults', name: 'policy.section.defaults.name', explain: 'policy.section.defaults.explain' },
  { id: 'Enforced', name: 'policy.section.enforced.name', explain: 'policy.section.enforced.explain' },
] as const satisfies readonly { id: string; name: MessageId; explain: MessageId }[];

/** The product's name, the same in every language. */
const PRODUCT = 'Handoff';
/** The first version with machine policy, as the "supported on" definition's id names it. */
const SUPPORTED_VERSION = '0.1';

const NAMESPACE = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';
const SCHEMA_ATTRIBUTES = `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${NAMESPACE}"`;
// Group Policy keys are relative to the hive the policy's class names (Machine: HKLM).
const KEY = POLICY_KEY.replace(/^HKEY_LOCAL_MACHINE\\SOFTWARE\\/, 'Software\\');

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The ADMX element that asks for a field's value, in the control its schema calls for. */
function element(field: keyof Settings): string {
  const kind = SETTING_KINDS[field];
  const common = `id="${field}" valueName="${field}"`;
  if (kind.kind === 'text') return `<text ${common} required="true" />`;
  if (kind.kind === 'number') {
    const bounds = [kind.min === null ? '' : ` minValue="${kind.min}"`, kind.max === null ? '' : ` maxValue="${kind.max}"`].join('');
    return `<decimal ${common} required="true"${bounds} />`;
  }
  if (kind.kind === 'boolean') {
    return `<boolean ${common}>
          <trueValue><decimal value="1" /></trueValue>
          <falseValue><decimal value="0" /></falseValue>
        </boolean>`;
  }
  const items = kind.options
    .map((option) => `          <item displayName="$(string.${field}_${option})"><value><string>${escapeXml(option)}</string></value></item>`)
    .join('\n');
  return `<enum ${common} required="true">\n${items}\n        </enum>`;
}

/** The ADML control for the field's element, starting from the built-in default where there is one. */
function presentation(field: keyof Settings, words: Translator): string {
  const kind = SETTING_KINDS[field];
  const label = escapeXml(words.t(WORDS[field].name));
  const fallback = DEFAULT_SETTINGS[field];
  if (kind.kind === 'text') return `<textBox refId="${field}"><label>${label}</label></textBox>`;
  if (kind.kind === 'number') return `<decimalTextBox refId="${field}" defaultValue="${String(fallback)}">${label}</decimalTextBox>`;
  if (kind.kind === 'boolean') return `<checkBox refId="${field}" defaultChecked="${String(fallback)}">${label}</checkBox>`;
  return `<dropdownList refId="${field}" noSort="true" defaultItem="${String(kind.options.indexOf(String(fallback)))}">${label}</dropdownList>`;
}

/** The ADMX, built from the settings fields: the same for every language. */
export function policyAdmx(): string {
  const policies = SECTIONS.flatMap((section) =>
    SETTING_NAMES.map(
      (field) => `    <policy name="${section.id}_${field}" class="Machine" displayName="$(string.${field})" explainText="$(string.${section.id}_${field}_Explain)" presentation="$(presentation.${section.id}_${field})" key="${KEY}\\${section.id}">
      <parentCategory ref="Handoff_${section.id}" />
      <supportedOn ref="SUPPORTED_Handoff_0_1" />
      <elements>
        ${element(field)}
      </elements>
    </policy>`,
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by scripts/make-policy-templates.ts from the settings schema: do not edit by hand. -->
<policyDefinitions ${SCHEMA_ATTRIBUTES}>
  <policyNamespaces>
    <target prefix="handoff" namespace="Handoff.Policies.Handoff" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED_Handoff_0_1" displayName="$(string.SUPPORTED_Handoff_0_1)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="Handoff" displayName="$(string.Handoff)" explainText="$(string.Handoff_Explain)" />
${SECTIONS.map(
  (section) => `    <category name="Handoff_${section.id}" displayName="$(string.Handoff_${section.id})" explainText="$(string.Handoff_${section.id}_Explain)">
      <parentCategory ref="Handoff" />
    </category>`,
).join('\n')}
  </categories>
  <policies>
${policies.join('\n')}
  </policies>
</policyDefinitions>
`;
}

/** One language's ADML: every string and presentation the ADMX refers to, in `words`' language. */
export function policyAdml(words: Translator): string {
  const strings: [string, string][] = [
    ['Handoff', PRODUCT],
    ['Handoff_Explain', words.t('policy.explain')],
    ['SUPPORTED_Handoff_0_1', words.t('policy.supportedOn', { version: SUPPORTED_VERSION })],
    ...SECTIONS.flatMap((section): [string, string][] => [
      [`Handoff_${section.id}`, words.t(section.name)],
      [`Handoff_${section.id}_Explain`, words.t(section.explain)],
    ]),
    ...SETTING_NAMES.flatMap((field): [string, string][] => {
      const kind = SETTING_KINDS[field];
      // A choice's items are the values the registry holds (agent, customer): shown as written.
      const options = kind.kind === 'choice' ? kind.options.map((option): [string, string] => [`${field}_${option}`, option]) : [];
      const explain = words.t(WORDS[field].explain, PARAMS[field]);
      return [
        [field, words.t(WORDS[field].name)],
        ...SECTIONS.map((section): [string, string] => [`${section.id}_${field}_Explain`, `${explain}\n\n${words.t(section.explain)}`]),
        ...options,
      ];
    }),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by scripts/make-policy-templates.ts from the settings schema and locales/${words.tag}.json: do not edit by hand. -->
<policyDefinitionResources ${SCHEMA_ATTRIBUTES}>
  <displayName>${PRODUCT}</displayName>
  <description>${escapeXml(words.t('policy.description'))}</description>
  <resources>
    <stringTable>
${strings.map(([id, text]) => `      <string id="${id}">${escapeXml(text)}</string>`).join('\n')}
    </stringTable>
    <presentationTable>
${SECTIONS.flatMap((section) =>
  SETTING_NAMES.map(
    (field) => `      <presentation id="${section.id}_${field}">
        ${presentation(field, words)}
      </presentation>`,
  ),
).join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}

/** A shipped language's translator from the source catalogs, English where the translation lacks a message. */
export async function policyWords(sourceDir: string, tag: ShippedLanguage): Promise<Translator> {
  const english = await readMessages(sourceDir, SOURCE_LANGUAGE);
  const own = tag === SOURCE_LANGUAGE ? {} : await readMessages(sourceDir, tag);
  // Formatted as left-to-right text whatever the language: the policy editor lays out the ADML's
  // bidi itself, and isolation marks would ride along when an admin copies a value such as "system".
  return createTranslator({ tag, dir: 'ltr', messages: compileMessages({ ...english, ...own }) });
}

/** The ADMX and every shipped language's ADML, keyed by culture folder, from the catalogs in `sourceDir` (`locales/`). */
export async function policyTemplates(sourceDir: string): Promise<PolicyTemplates> {
  const adml: Record<string, string> = {};
  for (const tag of SHIPPED_LANGUAGES) adml[POLICY_CULTURES[tag]] = policyAdml(await policyWords(sourceDir, tag));
  return { admx: policyAdmx(), adml };
}

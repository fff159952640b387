/**
 * The Group Policy templates (ADMX and its en-US ADML) for Handoff's machine policy, built from the
 * settings schema: one policy per settings field in a "Defaults" and an "Enforced" category, each
 * writing the registry value Handoff reads. `npm run policy-templates` writes them to
 * assets/policy/, and a test checks the committed files still equal what this builds.
 * https://learn.microsoft.com/previous-versions/windows/desktop/policy/admx-schema
 */
import type { Settings } from '../main/contract/domain';
import { POLICY_KEY } from '../main/policy/registry-policy';
import { SETTING_KINDS, SETTING_NAMES } from '../main/policy/setting-kinds';
import { DEFAULT_SETTINGS } from '../main/settings/settings-store';

/** The two files, as text. */
export interface PolicyTemplates {
  admx: string;
  adml: string;
}

/** What an admin reads in the Group Policy editor; a new settings field fails the typecheck here until it has words. */
const WORDS: Record<keyof Settings, { name: string; explain: string }> = {
  phloId: { name: 'PHLO ID', explain: 'The PHLO that handles calls, a UUID copied from the PHLO console.' },
  nodeId: { name: 'Node ID', explain: "The PHLO's multi-party call node, a UUID copied from its panel in the PHLO console." },
  agentAddress: {
    name: "Agent's number",
    explain: "The agent's own number or SIP address, sent to Plivo as trigger_source. Numbers without + are read with the default country.",
  },
  defaultRole: { name: 'Default role', explain: 'The role given to people dialled into a call: agent or customer.' },
  defaultCountry: { name: 'Default country', explain: 'The two-letter country (such as US or GB) for numbers typed without +.' },
  phloBaseUrl: {
    name: 'PHLO base URL',
    explain: 'Where PHLO requests (and so the Plivo credentials) go. https only. The agent can never change it from the app.',
  },
  requestTimeoutMs: { name: 'Request timeout (ms)', explain: 'How long Handoff waits for Plivo to answer, in milliseconds.' },
  allowDemo: {
    name: 'Allow the demo',
    explain: 'Whether Handoff offers its demo, which runs against a built-in simulator instead of Plivo. The agent can never change it from the app.',
  },
  journalRetentionDays: {
    name: 'Journal retention (days)',
    explain: "How many days of the action journal (every call action, its outcome and Plivo's request id, with numbers) Handoff keeps in its data folder. Older days are deleted at start.",
  },
  bringToFrontShortcut: {
    name: 'Bring-to-front shortcut',
    explain:
      'A shortcut that works in every app and brings Handoff to the front with the Transfer to field focused, written as Electron accelerators are, such as CommandOrControl+Alt+H. Empty: no shortcut (the default). If another app already holds it, Handoff says so in Settings.',
  },
  keepOnTop: { name: 'Keep on top', explain: "Whether Handoff's window stays above other windows (0 or 1). Off by default." },
  language: {
    name: 'Language',
    explain: 'The language Handoff speaks: system (the system\'s preferred languages, the default), or one of en, de, es, fr, it, ja, ko, pt-BR, zh-CN, zh-TW, ar, hi.',
  },
  notifyOutcomes: {
    name: 'Notify action outcomes',
    explain: "Whether an action's outcome (a transfer done, a failure) is also shown as a system notification while Handoff's window is not focused (0 or 1). On by default.",
  },
};

const SECTIONS = [
  {
    id: 'Defaults',
    name: 'Defaults',
    explain: "Used where the agent's own settings do not set it. Where Settings offers the setting, the agent can still change it.",
  },
  {
    id: 'Enforced',
    name: 'Enforced',
    explain: 'The agent cannot change these: Settings shows them read-only with "Set by your organization". They win over the agent\'s own settings and over Defaults.',
  },
] as const;

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
function presentation(field: keyof Settings): string {
  const kind = SETTING_KINDS[field];
  const label = escapeXml(WORDS[field].name);
  const fallback = DEFAULT_SETTINGS[field];
  if (kind.kind === 'text') return `<textBox refId="${field}"><label>${label}</label></textBox>`;
  if (kind.kind === 'number') return `<decimalTextBox refId="${field}" defaultValue="${String(fallback)}">${label}</decimalTextBox>`;
  if (kind.kind === 'boolean') return `<checkBox refId="${field}" defaultChecked="${String(fallback)}">${label}</checkBox>`;
  return `<dropdownList refId="${field}" noSort="true" defaultItem="${String(kind.options.indexOf(String(fallback)))}">${label}</dropdownList>`;
}

/** Builds both files from the settings fields. */
export function policyTemplates(): PolicyTemplates {
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
  const admx = `<?xml version="1.0" encoding="utf-8"?>
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

  const strings: [string, string][] = [
    ['Handoff', 'Handoff'],
    ['Handoff_Explain', 'Machine policy for Handoff, the Plivo call companion. The registry wins over policy.json in the policy folder.'],
    ['SUPPORTED_Handoff_0_1', 'Handoff 0.1 or later'],
    ...SECTIONS.flatMap((section): [string, string][] => [
      [`Handoff_${section.id}`, section.name],
      [`Handoff_${section.id}_Explain`, section.explain],
    ]),
    ...SETTING_NAMES.flatMap((field): [string, string][] => {
      const kind = SETTING_KINDS[field];
      const options = kind.kind === 'choice' ? kind.options.map((option): [string, string] => [`${field}_${option}`, option]) : [];
      return [
        [field, WORDS[field].name],
        ...SECTIONS.map((section): [string, string] => [`${section.id}_${field}_Explain`, `${WORDS[field].explain}\n\n${section.explain}`]),
        ...options,
      ];
    }),
  ];
  const adml = `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by scripts/make-policy-templates.ts from the settings schema: do not edit by hand. -->
<policyDefinitionResources ${SCHEMA_ATTRIBUTES}>
  <displayName>Handoff</displayName>
  <description>Machine policy for Handoff: settings preset (Defaults) and locked (Enforced) by IT.</description>
  <resources>
    <stringTable>
${strings.map(([id, text]) => `      <string id="${id}">${escapeXml(text)}</string>`).join('\n')}
    </stringTable>
    <presentationTable>
${SECTIONS.flatMap((section) =>
  SETTING_NAMES.map(
    (field) => `      <presentation id="${section.id}_${field}">
        ${presentation(field)}
      </presentation>`,
  ),
).join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
  return { admx, adml };
}

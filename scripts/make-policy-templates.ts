/**
 * `npm run policy-templates`: rewrites assets/policy/Handoff.admx and <culture>/Handoff.adml for every
 * shipped language, after a settings field or a `policy.*` message (or its translation) changes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { policyTemplates } from './policy-templates';

const root = join(import.meta.dirname, '..');
const folder = join(root, 'assets', 'policy');
const { admx, adml } = await policyTemplates(join(root, 'locales'));
await writeFile(join(folder, 'Handoff.admx'), admx);
for (const [culture, text] of Object.entries(adml)) {
  await mkdir(join(folder, culture), { recursive: true });
  await writeFile(join(folder, culture, 'Handoff.adml'), text);
}
console.log(`Wrote ${join(folder, 'Handoff.admx')} and Handoff.adml for ${Object.keys(adml).join(', ')}.`);

/** `npm run policy-templates`: rewrites assets/policy/Handoff.admx and en-US/Handoff.adml after a settings field changes. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { policyTemplates } from './policy-templates';

const folder = join(import.meta.dirname, '..', 'assets', 'policy');
const { admx, adml } = policyTemplates();
await mkdir(join(folder, 'en-US'), { recursive: true });
await writeFile(join(folder, 'Handoff.admx'), admx);
await writeFile(join(folder, 'en-US', 'Handoff.adml'), adml);
console.log(`Wrote ${join(folder, 'Handoff.admx')} and ${join(folder, 'en-US', 'Handoff.adml')}.`);

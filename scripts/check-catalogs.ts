// `npm run catalogs:check`: lists every problem in every catalog under locales/ and exits non-zero if any.
import { join } from 'node:path';
import { readMessages } from '../main/i18n/catalog-files';
import { SHIPPED_LANGUAGES, SOURCE_LANGUAGE } from '../main/i18n/languages';
import { catalogProblems } from './catalog-check';

const dir = join(import.meta.dirname, '..', 'locales');
const english = await readMessages(dir, SOURCE_LANGUAGE);
let failed = false;
for (const tag of SHIPPED_LANGUAGES) {
  const problems = catalogProblems(english, await readMessages(dir, tag));
  if (problems.length === 0) continue;
  failed = true;
  process.stdout.write(`${tag}.json: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}\n`).join('')}`);
}
process.stdout.write(failed ? '' : `All ${SHIPPED_LANGUAGES.length} catalogs match English.\n`);
process.exitCode = failed ? 1 : 0;

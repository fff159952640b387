import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMessages } from '../../../main/i18n/catalog-files';
import { SHIPPED_LANGUAGES, SOURCE_LANGUAGE } from '../../../main/i18n/languages';
import { SOURCE_DIR } from '../../support/catalogs';

interface Term {
  description: string;
  verbatim?: boolean;
  [tag: string]: unknown;
}

const glossary = JSON.parse(await readFile(join(SOURCE_DIR, 'glossary.json'), 'utf8')) as { terms: Record<string, Term> };
const english = await readMessages(SOURCE_DIR, SOURCE_LANGUAGE);
const translated = SHIPPED_LANGUAGES.filter((tag) => tag !== SOURCE_LANGUAGE);

describe('the glossary', () => {
  it('renders every term that is not verbatim in every shipped language', () => {
    const gaps = Object.entries(glossary.terms).flatMap(([term, entry]) =>
      entry.verbatim === true ? [] : translated.filter((tag) => typeof entry[tag] !== 'string' || entry[tag] === '').map((tag) => `${term} in ${tag}`),
    );
    expect(gaps).toEqual([]);
  });

  it.each(translated)('%s keeps the verbatim terms wherever English uses them', async (tag) => {
    const catalog = await readMessages(SOURCE_DIR, tag);
    const verbatim = Object.entries(glossary.terms).filter(([, entry]) => entry.verbatim === true).map(([term]) => term);
    const lost = Object.entries(english).flatMap(([id, message]) =>
      verbatim.filter((term) => message.includes(term) && catalog[id] !== undefined && !catalog[id].includes(term)).map((term) => `${id}: ${term}`),
    );
    expect(lost).toEqual([]);
  });
});

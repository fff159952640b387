/** Texts in English, read from the source catalog: tests assert what an agent reads, not message ids. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Text } from '../../main/contract/text';
import { compileMessages, type SourceMessage } from '../../main/i18n/catalog-files';
import { createTranslator } from '../../main/i18n/translator';
import { SOURCE_DIR } from './catalogs';

const source = JSON.parse(readFileSync(join(SOURCE_DIR, 'en.json'), 'utf8')) as Record<string, SourceMessage>;
const translator = createTranslator({
  tag: 'en',
  dir: 'ltr',
  messages: compileMessages(Object.fromEntries(Object.entries(source).map(([id, entry]) => [id, entry.message]))),
});

/** The English translator itself, for code that formats with one (the History CSV). */
export const englishWords = translator;

/** What the agent reads for a Text, in English. */
export function english(text: Text): string {
  return translator.say(text);
}

/**
 * The words a language's page shows, from the same compiled catalog the core hands the window (and
 * filled from English where it lacks a message, as the core does), so a spec in German, Japanese or
 * Arabic finds each control by the name an agent reads there.
 */
import pino from 'pino';
import { loadCatalog } from '../../../main/i18n/catalog-files';
import type { LanguageTag } from '../../../main/i18n/languages';
import { createTranslator, type Translator } from '../../../main/i18n/translator';
import { CATALOG_DIR } from '../../support/catalogs';

/** A translator over the built catalog of `tag`. */
export async function wordsFor(tag: LanguageTag): Promise<Translator> {
  return createTranslator(await loadCatalog(CATALOG_DIR, tag, pino({ level: 'silent' })));
}

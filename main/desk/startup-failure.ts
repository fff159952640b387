/**
 * The one dialog Handoff shows without its core: the core did not start, so there is no language
 * service either. The words come from the catalog of the system's language (or HANDOFF_LANG's, as
 * the core would choose), read here on their own; where even that fails, the dialog shows the
 * product's name and the error alone, rather than nothing.
 */
import { loadCatalog } from '../i18n/catalog-files';
import { chooseLanguage, languagesFromEnv } from '../i18n/language';
import { SYSTEM_LANGUAGE } from '../i18n/languages';
import { createTranslator } from '../i18n/translator';
import type { Logger } from '../log/logger';

/** The error box's title and text. */
export interface StartupFailure {
  title: string;
  message: string;
}

/** What the failure dialog needs: where the catalogs are, the languages to choose from, and the error. */
export interface StartupFailureOptions {
  catalogDir: string;
  /** The OS's preferred languages, best first. */
  system: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  error: unknown;
  logger: Logger;
}

/** The dialog's words in the system's language; the error's own text (for IT) as its message. */
export async function startupFailure(options: StartupFailureOptions): Promise<StartupFailure> {
  const message = options.error instanceof Error ? options.error.message : String(options.error);
  const preferred = languagesFromEnv(options.env) ?? options.system;
  try {
    // The agent's own language setting is not read: the settings may be what stopped the start.
    const catalog = await loadCatalog(options.catalogDir, chooseLanguage(SYSTEM_LANGUAGE, preferred), options.logger);
    return { title: createTranslator(catalog).t('dialog.startFailed'), message };
  } catch (error) {
    options.logger.error({ err: error }, 'no catalog for the start failure dialog');
    return { title: 'Handoff', message };
  }
}

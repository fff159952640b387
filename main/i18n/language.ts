/**
 * Which language Handoff speaks: the agent's choice in Settings (which policy may default or
 * enforce), else the system's preferred languages matched to the shipped catalogs, else English.
 * The matcher is CLDR's (via @formatjs/intl-localematcher), so `es-419` finds Spanish and `zh-HK`
 * Traditional Chinese without a table of our own.
 */
import { match } from '@formatjs/intl-localematcher';
import { text, type Text } from '../contract/text';
import type { Logger } from '../log/logger';
import { loadCatalog } from './catalog-files';
import {
  isLanguageTag,
  PSEUDO_LANGUAGES,
  SHIPPED_LANGUAGES,
  SOURCE_LANGUAGE,
  SYSTEM_LANGUAGE,
  type LanguageTag,
} from './languages';
import type { Catalog } from '../contract/text';
import { createTranslator, type Translator } from './translator';

/** Drops what is not a BCP 47 tag (the matcher throws on it); keeps the order of preference. */
function validTags(preferred: readonly string[]): string[] {
  return preferred.flatMap((tag) => {
    try {
      return Intl.getCanonicalLocales(tag);
    } catch {
      return [];
    }
  });
}

// What the matcher answers when nothing shipped fits: "undetermined", never a shipped tag.
const NO_MATCH = 'und';

/**
 * The catalog one tag asks for, or null. A pseudo-language only by its exact tag (no matcher maps
 * to one); any other through CLDR's matching (`zh-HK` finds Traditional Chinese, IT's `de-DE` or
 * `pt-br` German and Portuguese), kept only in the same language: CLDR would otherwise offer English
 * for a language it cannot place, which must fall through to the next preference instead.
 */
function catalogFor(tag: string): LanguageTag | null {
  if ((PSEUDO_LANGUAGES as readonly string[]).includes(tag) && isLanguageTag(tag)) return tag;
  const [asked] = validTags([tag]);
  if (asked === undefined) return null;
  const found = match([asked], SHIPPED_LANGUAGES, NO_MATCH, { algorithm: 'best fit' });
  return isLanguageTag(found) && new Intl.Locale(found).language === new Intl.Locale(asked).language ? found : null;
}

/** The language for a setting ("system" or a tag) and the system's preferred languages, best first. */
export function chooseLanguage(setting: string, preferred: readonly string[]): LanguageTag {
  const chosen = setting === SYSTEM_LANGUAGE ? null : catalogFor(setting);
  if (chosen !== null) return chosen;
  for (const tag of validTags(preferred)) {
    const found = catalogFor(tag);
    if (found !== null) return found;
  }
  return SOURCE_LANGUAGE;
}

/** HANDOFF_LANG's languages (`de` or `ar-EG,en`), which stand for the system's in the app and the preview alike; null when unset. */
export function languagesFromEnv(env: Readonly<Record<string, string | undefined>>): string[] | null {
  const value = env['HANDOFF_LANG']?.trim() ?? '';
  return value === '' ? null : value.split(/[,:]/);
}

/** Why a setting's or policy's language is not used, or null when it is "system" or a catalog Handoff has. */
export function languageProblem(setting: string): Text | null {
  return setting === SYSTEM_LANGUAGE || catalogFor(setting) !== null
    ? null
    : text('settings.problem.unknownLanguage', { language: setting });
}

/** What the language service needs from the rest of the core. */
export interface LanguageOptions {
  /** Where the compiled catalogs are (`out/locales`). */
  catalogDir: string;
  /** The effective `language` setting, policy applied. */
  setting: () => string;
  /** The OS's preferred languages (Electron), or HANDOFF_LANG's; null where the window's own are the system's (the preview). */
  system: () => readonly string[] | null;
  logger: Logger;
}

/** The language in use, its catalog for the window and its translator for the main process's own words. */
export interface LanguageService {
  /** The catalog for a window whose browser prefers `preferred` (used only where the system gives none). */
  catalog(preferred?: readonly string[]): Promise<Catalog>;
  /** Formats the main process's words (tray, notifications, dialogs) in the language the window last got. */
  translator(): Translator;
}

/** Loads catalogs on demand, one language at a time. */
export async function createLanguageService(options: LanguageOptions): Promise<LanguageService> {
  let browser: readonly string[] = [];
  const wanted = () => chooseLanguage(options.setting(), options.system() ?? browser);
  // Only the language in use stays in memory, read again only when a change asks for another.
  const use = async (asked: LanguageTag) => {
    const catalog = await loadCatalog(options.catalogDir, asked, options.logger);
    return { asked, catalog, translator: createTranslator(catalog) };
  };
  let current = await use(wanted());
  return {
    async catalog(preferred) {
      if (preferred !== undefined) browser = preferred;
      const asked = wanted();
      if (asked !== current.asked) {
        const next = await use(asked);
        // Two changes in quick succession: only the one still wanted becomes the language in use.
        if (wanted() === asked) current = next;
      }
      return current.catalog;
    },
    translator: () => current.translator,
  };
}

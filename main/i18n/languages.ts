/**
 * The languages Handoff ships, and the two pseudo-languages generated from English for testing.
 * Plain data: the main process, the renderer and the build all read this one list.
 */

/** English first: it is the source every other catalog is checked against, and the last fallback. */
export const SOURCE_LANGUAGE = 'en';

/** The shipped catalogs, as BCP 47 tags (`locales/<tag>.json`). */
export const SHIPPED_LANGUAGES = ['en', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pt-BR', 'zh-CN', 'zh-TW', 'ar', 'hi'] as const;

/** Generated at build time from English (Chromium's names): accented and longer, and right-to-left. */
export const PSEUDO_LANGUAGES = ['en-XA', 'ar-XB'] as const;

/** A language Handoff has a catalog for. */
export type LanguageTag = (typeof SHIPPED_LANGUAGES)[number] | (typeof PSEUDO_LANGUAGES)[number];

/** What the Settings language select and the `language` setting accept besides a tag. */
export const SYSTEM_LANGUAGE = 'system';

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar', 'ar-XB']);

/** Which way the language's text runs, for `<html dir>` and the main process's own dialogs. */
export function textDirection(tag: LanguageTag): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(tag) ? 'rtl' : 'ltr';
}

/** Whether a setting, a policy or an environment variable names a catalog Handoff has. */
export function isLanguageTag(value: string): value is LanguageTag {
  return (SHIPPED_LANGUAGES as readonly string[]).includes(value) || (PSEUDO_LANGUAGES as readonly string[]).includes(value);
}

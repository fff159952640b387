/**
 * Turns Texts into words in one language with a compiled catalog (Lingui's runtime: about 2 KB in
 * the window, because the catalogs are compiled at build time, not parsed in the page). The renderer
 * and the main process format with this same code, so a message reads the same in the window, the
 * tray and a notification.
 */
import { setupI18n } from '@lingui/core';
import type { Catalog, MessageId, Text, TextParam } from '../contract/text';

/** Formats messages, lists and texts in the catalog's language. */
export interface Translator {
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  /** One message with its arguments. */
  t(id: MessageId, params?: Readonly<Record<string, TextParam>>): string;
  /** A Text the core or the contract returned. */
  say(text: Text): string;
  /** "Dana, Lee and Kim" as the language joins names. */
  list(items: readonly string[]): string;
}

// First Strong Isolate … Pop Directional Isolate: a Latin name or a number inside Arabic keeps its own direction.
const isolate = (value: string) => `\u2068${value}\u2069`;

/** A translator over one compiled catalog. */
export function createTranslator(catalog: Catalog): Translator {
  const i18n = setupI18n({ locale: catalog.tag, messages: { [catalog.tag]: catalog.messages } });
  const lists = new Intl.ListFormat(catalog.tag, { type: 'conjunction' });
  const rtl = catalog.dir === 'rtl';
  const list = (items: readonly string[]) => lists.format(rtl ? items.map(isolate) : items);
  const value = (param: TextParam): string | number => {
    if (typeof param === 'number') return param;
    if (typeof param === 'string') return rtl ? isolate(param) : param;
    if ('id' in param) return say(param);
    return list(param.map((item) => (typeof item === 'string' ? item : say(item))));
  };
  const t = (id: MessageId, params?: Readonly<Record<string, TextParam>>) => {
    const values = params === undefined ? undefined : Object.fromEntries(Object.entries(params).map(([name, param]) => [name, value(param)]));
    return i18n._(id, values);
  };
  const say = (text: Text) => t(text.id, text.params);
  return { tag: catalog.tag, dir: catalog.dir, t, say, list };
}

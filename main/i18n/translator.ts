/**
 * Turns Texts into words in one language with a compiled catalog (Lingui's runtime: about 2 KB in
 * the window, because the catalogs are compiled at build time, not parsed in the page). The renderer
 * and the main process format with this same code, so a message reads the same in the window, the
 * tray and a notification.
 */
import { setupI18n } from '@lingui/core';
import type { CompiledMessage } from '@lingui/message-utils/compileMessage';
import type { Catalog, MessageId, Text, TextParam } from '../contract/text';

/** Formats messages, lists and texts in the catalog's language. */
export interface Translator {
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  /** One message with its arguments. */
  t(id: MessageId, params?: Readonly<Record<string, TextParam>>): string;
  /** A Text the core or the contract returned. */
  say(text: Text): string;
}

// First Strong Isolate … Pop Directional Isolate: a Latin name or a number inside Arabic keeps its own direction.
const isolate = (value: string) => `\u2068${value}\u2069`;

/** The arguments a compiled message selects on (`{action, select, …}`), at any depth. */
function selectArguments(message: CompiledMessage | undefined, into = new Set<string>()): Set<string> {
  for (const token of message ?? []) {
    if (typeof token === 'string') continue;
    const [name, type, choices] = token;
    if (type === 'select') into.add(name);
    if (typeof choices === 'object' && choices !== null) {
      for (const branch of Object.values(choices as Record<string, unknown>)) {
        if (Array.isArray(branch)) selectArguments(branch as CompiledMessage, into);
      }
    }
  }
  return into;
}

/** A translator over one compiled catalog. */
export function createTranslator(catalog: Catalog): Translator {
  const i18n = setupI18n({ locale: catalog.tag, messages: { [catalog.tag]: catalog.messages } });
  const lists = new Intl.ListFormat(catalog.tag, { type: 'conjunction' });
  const rtl = catalog.dir === 'rtl';
  const list = (items: readonly string[]) => lists.format(rtl ? items.map(isolate) : items);
  const keys = new Map<string, ReadonlySet<string>>();
  const selectKeys = (id: MessageId) => {
    let found = keys.get(id);
    if (found === undefined) {
      found = selectArguments(catalog.messages[id]);
      keys.set(id, found);
    }
    return found;
  };
  const value = (param: TextParam, isKey: boolean): string | number => {
    if (typeof param === 'number') return param;
    // A select's key must stay the bare value it is compared with; only shown text is isolated.
    if (typeof param === 'string') return rtl && !isKey ? isolate(param) : param;
    if ('id' in param) return say(param);
    return list(param.map((item) => (typeof item === 'string' ? item : say(item))));
  };
  const t = (id: MessageId, params?: Readonly<Record<string, TextParam>>) => {
    const values =
      params === undefined
        ? undefined
        : Object.fromEntries(Object.entries(params).map(([name, param]) => [name, value(param, rtl && selectKeys(id).has(name))]));
    return i18n._(id, values);
  };
  const say = (text: Text) => t(text.id, text.params);
  return { tag: catalog.tag, dir: catalog.dir, t, say };
}

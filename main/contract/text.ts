/**
 * Words as data: a catalog message's id and its named arguments. The core and the contract return
 * these, never sentences, and whoever shows them (the renderer, or the main process for the tray,
 * notifications and dialogs) formats them in the agent's language (main/i18n/translator.ts).
 */
import type { CompiledMessage } from '@lingui/message-utils/compileMessage';
import type english from '../../locales/en.json';

/** Every message English has; the other catalogs are tested to have exactly these. */
export type MessageId = keyof typeof english;

/** A value a message names: shown as is, a number (plurals pick by it), another message, or a list in the language's own form. */
export type TextParam = string | number | Text | readonly (string | Text)[];

/** One message to show, with its arguments. */
export interface Text {
  readonly id: MessageId;
  readonly params?: Readonly<Record<string, TextParam>>;
}

/** Builds a Text; `params` is left out when none are given, so texts compare cleanly in tests. */
export function text(id: MessageId, params?: Readonly<Record<string, TextParam>>): Text {
  return params === undefined ? { id } : { id, params };
}

/** One language's messages, compiled at build time, as the main process hands them to the window. */
export interface Catalog {
  /** A BCP 47 tag Handoff ships (main/i18n/languages.ts), for `<html lang>` and Intl. */
  tag: string;
  dir: 'ltr' | 'rtl';
  messages: Readonly<Record<string, CompiledMessage>>;
}

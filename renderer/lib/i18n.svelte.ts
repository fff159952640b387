/**
 * The window's words: the catalog the core chose, held as state so that every text on screen
 * follows a change of language at once. Components call `t` with a message id, and `say` with a
 * Text the core returned; nothing in the renderer holds a sentence of its own.
 */
import type { Catalog, MessageId, Text, TextParam } from '../../main/contract/text';
import { createTranslator, type Translator } from '../../main/i18n/translator';

class Words {
  #translator = $state.raw<Translator | null>(null);

  /** The translator in use; the app is mounted only once the first catalog is in. */
  get current(): Translator {
    if (this.#translator === null) throw new Error('The catalog is read before the app is mounted.');
    return this.#translator;
  }

  /** Speaks the catalog's language, and sets the page's language and direction to it. */
  use(catalog: Catalog): void {
    this.#translator = createTranslator(catalog);
    document.documentElement.lang = catalog.tag;
    document.documentElement.dir = catalog.dir;
  }
}

/** The one set of words the window speaks. */
export const words = new Words();

/** One message in the agent's language. */
export function t(id: MessageId, params?: Readonly<Record<string, TextParam>>): string {
  return words.current.t(id, params);
}

/** A Text from the core in the agent's language. */
export function say(text: Text): string {
  return words.current.say(text);
}

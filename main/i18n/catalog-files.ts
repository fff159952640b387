/**
 * The catalogs on disk. `locales/` holds the source (ICU MessageFormat, English with a description
 * per message); the build compiles each into `out/locales/<tag>.json` and generates the two
 * pseudo-languages from English; the main process loads one compiled catalog at run time and fills
 * what a translation lacks from English, logging it once.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';
import type { Logger } from '../log/logger';
import { PSEUDO_LANGUAGES, SHIPPED_LANGUAGES, SOURCE_LANGUAGE, textDirection, type LanguageTag } from './languages';
import { accented, mirrored } from './pseudo';
import type { Catalog } from '../contract/text';

/** English's entry: the message and what a translator needs to know about it. */
export interface SourceMessage {
  message: string;
  description: string;
}

/** A source catalog as plain id → ICU message, whichever file shape it came from. */
export type Messages = Record<string, string>;

/** Compiled messages, as the window receives them. */
export type CompiledMessages = Record<string, CompiledMessage>;

/** Reads English with its descriptions. */
export async function readSourceCatalog(dir: string): Promise<Record<string, SourceMessage>> {
  return JSON.parse(await readFile(join(dir, `${SOURCE_LANGUAGE}.json`), 'utf8')) as Record<string, SourceMessage>;
}

/** Reads one shipped language's messages (English without its descriptions). */
export async function readMessages(dir: string, tag: (typeof SHIPPED_LANGUAGES)[number]): Promise<Messages> {
  if (tag === SOURCE_LANGUAGE) {
    return Object.fromEntries(Object.entries(await readSourceCatalog(dir)).map(([id, entry]) => [id, entry.message]));
  }
  return JSON.parse(await readFile(join(dir, `${tag}.json`), 'utf8')) as Messages;
}

/** Compiles every message; throws naming the first that is not valid ICU MessageFormat. */
export function compileMessages(messages: Messages): CompiledMessages {
  return Object.fromEntries(
    Object.entries(messages).map(([id, message]) => {
      try {
        return [id, compileMessageOrThrow(message)];
      } catch (error) {
        throw new Error(`Message ${id} is not valid ICU MessageFormat: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }),
  );
}

/** Compiles every shipped catalog and generates the pseudo-languages into `outDir` (the build's step). */
export async function buildCatalogs(sourceDir: string, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const compiled = new Map<LanguageTag, CompiledMessages>();
  for (const tag of SHIPPED_LANGUAGES) compiled.set(tag, compileMessages(await readMessages(sourceDir, tag)));
  const english = Object.entries(await readMessages(sourceDir, SOURCE_LANGUAGE));
  const transform = { 'en-XA': accented, 'ar-XB': mirrored } as const;
  for (const tag of PSEUDO_LANGUAGES) {
    compiled.set(tag, Object.fromEntries(english.map(([id, message]) => [id, transform[tag](message)])));
  }
  for (const [tag, messages] of compiled) await writeFile(join(outDir, `${tag}.json`), JSON.stringify(messages));
}

/**
 * Loads one compiled catalog. A message the translation lacks is taken from English and logged
 * once, at load: the agent sees English words, never a message id. A translation that cannot be
 * read at all gives English, logged; only an unreadable English stops the caller, naming the file.
 */
export async function loadCatalog(dir: string, tag: LanguageTag, logger: Logger): Promise<Catalog> {
  const read = async (name: LanguageTag) => {
    const file = join(dir, `${name}.json`);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as CompiledMessages;
    } catch (error) {
      throw new Error(`The catalog ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  const english = await read(SOURCE_LANGUAGE);
  let own = english;
  if (tag !== SOURCE_LANGUAGE) {
    try {
      own = await read(tag);
    } catch (error) {
      logger.error({ err: error, language: tag }, 'catalog unreadable; Handoff speaks English instead');
      return { tag: SOURCE_LANGUAGE, dir: textDirection(SOURCE_LANGUAGE), messages: english };
    }
  }
  const missing = Object.keys(english).filter((id) => !(id in own));
  if (missing.length > 0) logger.warn({ language: tag, missing }, 'Messages missing from the catalog are shown in English');
  const messages = missing.length === 0 ? own : { ...Object.fromEntries(missing.map((id) => [id, english[id] as CompiledMessage])), ...own };
  return { tag, dir: textDirection(tag), messages };
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { MessageId } from '../../../main/contract/text';
import { buildCatalogs, compileMessages, loadCatalog, readMessages, readSourceCatalog } from '../../../main/i18n/catalog-files';
import { SHIPPED_LANGUAGES, SOURCE_LANGUAGE } from '../../../main/i18n/languages';
import { createTranslator } from '../../../main/i18n/translator';
import { catalogProblems } from '../../../scripts/catalog-check';
import { CATALOG_DIR, SOURCE_DIR } from '../../support/catalogs';

const english = await readMessages(SOURCE_DIR, SOURCE_LANGUAGE);

describe('the shipped catalogs', () => {
  it('English describes every message for its translators', async () => {
    const source = await readSourceCatalog(SOURCE_DIR);
    const undescribed = Object.entries(source).filter(([, entry]) => typeof entry.description !== 'string' || entry.description.trim().length < 10);
    expect(undescribed.map(([id]) => id)).toEqual([]);
    expect(Object.keys(source).length).toBeGreaterThan(0);
  });

  it('English itself parses, and every plural and select in it has an "other" branch', () => {
    expect(catalogProblems(english, english)).toEqual([]);
  });

  it.each(SHIPPED_LANGUAGES.filter((tag) => tag !== SOURCE_LANGUAGE))(
    '%s has exactly English messages, each with English arguments, valid ICU and "other" in every plural',
    async (tag) => {
      expect(catalogProblems(english, await readMessages(SOURCE_DIR, tag))).toEqual([]);
    },
  );
});

describe('the catalog check', () => {
  const source = {
    greeting: 'Calling {target}.',
    held: '{count, plural, one {# person is} other {# people are}} on hold.',
  };

  it('passes a faithful translation', () => {
    expect(catalogProblems(source, { greeting: 'Anruf an {target}.', held: '{count, plural, one {# Person wartet} other {# Personen warten}}.' })).toEqual([]);
  });

  it('names a missing message, an extra one, different arguments, broken ICU and a plural without "other"', () => {
    expect(catalogProblems(source, { greeting: 'Anruf an {name}.', extra: 'x' })).toEqual([
      'held: missing',
      'greeting: arguments {name} differ from English\'s {target}',
      'extra: not in English (a message English no longer has)',
    ]);
    const broken = catalogProblems(source, { greeting: 'Anruf an {target.', held: '{count, plural, one {# Person}}' });
    expect(broken[0]).toMatch(/^greeting: not valid ICU MessageFormat/);
    expect(broken[1]).toBe('held: a plural or select has no "other" branch');
  });
});

describe('pseudo-languages', () => {
  const say = async (tag: 'en-XA' | 'ar-XB') => {
    const messages = JSON.parse(await readFile(join(CATALOG_DIR, `${tag}.json`), 'utf8')) as Record<string, never>;
    return createTranslator({ tag, dir: tag === 'ar-XB' ? 'rtl' : 'ltr', messages });
  };

  it('en-XA accents every letter and is at least 40% longer than English, its arguments and plurals untouched', async () => {
    const accented = JSON.parse(await readFile(join(CATALOG_DIR, 'en-XA.json'), 'utf8')) as Record<string, unknown>;
    const plain = compileMessages(english);
    // Text tokens and the rest (arguments, plurals' structure) of a compiled message, flattened.
    const split = (message: unknown, into = { text: '', syntax: [] as string[] }) => {
      if (typeof message === 'string') into.text += message;
      else if (Array.isArray(message)) {
        for (const token of message as unknown[]) {
          if (typeof token === 'string') into.text += token === '#' ? '' : token;
          else {
            const [name, type, choices] = token as [string, string?, Record<string, unknown>?];
            into.syntax.push(`${name}:${type ?? ''}`);
            if (typeof choices === 'object') {
              // `offset` is the plural's offset, not a branch; undefined unless the message sets one.
              for (const [key, branch] of Object.entries(choices).filter(([, value]) => value !== undefined)) {
                into.syntax.push(key);
                split(branch, into);
              }
            }
          }
        }
      }
      return into;
    };
    for (const [id, message] of Object.entries(plain)) {
      const source = split(message);
      const shown = split(accented[id]);
      expect(shown.syntax, id).toEqual(source.syntax);
      if (source.text.trim() === '') continue;
      expect(shown.text.length, id).toBeGreaterThanOrEqual(Math.ceil(source.text.length * 1.4));
      expect(shown.text, id).not.toMatch(/[a-z]/);
    }
  });

  it('ar-XB runs each word right to left and leaves arguments as they are', async () => {
    const shown = (await say('ar-XB')).t('settings.problem.unknownLanguage', { language: 'tlh-Latn' });
    expect(shown).toMatch(/\u202eHandoff\u202c/);
    expect(shown).toContain('\u2068tlh-Latn\u2069');
  });
});

describe('the translator in a right-to-left language', () => {
  const words = createTranslator({
    tag: 'ar',
    dir: 'rtl',
    messages: compileMessages({ m: '{action, select, hold {تعليق {name}} other {إجراء {name}}}', n: '{count, plural, one {# شخص} other {# أشخاص}}' }),
  });

  it('isolates the text it shows, but selects on the bare value', () => {
    expect(words.t('m' as MessageId, { action: 'hold', name: 'Dana' })).toBe('تعليق \u2068Dana\u2069');
    expect(words.t('m' as MessageId, { action: 'hangup', name: 'Dana' })).toBe('إجراء \u2068Dana\u2069');
    expect(words.t('n' as MessageId, { count: 1 })).not.toContain('\u2068');
  });
});

describe('loading a catalog at run time', () => {
  it('speaks English, logged, when a translation cannot be read; an unreadable English names its file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'handoff-catalogs-'));
    try {
      await writeFile(join(dir, 'en.json'), JSON.stringify({ a: ['Hold.'] }));
      await writeFile(join(dir, 'de.json'), '{ not json');
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } }));
      const catalog = await loadCatalog(dir, 'de', logger);
      expect([catalog.tag, catalog.dir, createTranslator(catalog).t('a' as MessageId)]).toEqual(['en', 'ltr', 'Hold.']);
      expect(lines.some((line) => line.includes('catalog unreadable'))).toBe(true);
      await writeFile(join(dir, 'en.json'), '');
      await expect(loadCatalog(dir, 'en', logger)).rejects.toThrow(join(dir, 'en.json'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fills a message the translation lacks from English and logs it once at load (not at each use), never showing an id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'handoff-catalogs-'));
    try {
      await writeFile(join(dir, 'en.json'), JSON.stringify({ a: { message: 'Hold {name}.', description: 'A test message.' }, b: { message: 'Done.', description: 'A test message.' } }));
      for (const tag of SHIPPED_LANGUAGES.filter((t) => t !== 'en')) await writeFile(join(dir, `${tag}.json`), '{}');
      await writeFile(join(dir, 'de.json'), JSON.stringify({ a: '{name} halten.' }));
      const out = join(dir, 'out');
      await buildCatalogs(dir, out);
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } }));
      const catalog = await loadCatalog(out, 'de', logger);
      const words = createTranslator(catalog);
      expect(words.t('a' as MessageId, { name: 'Dana' })).toBe('Dana halten.');
      expect(words.t('b' as MessageId)).toBe('Done.');
      expect(words.t('b' as MessageId)).toBe('Done.');
      expect(lines.filter((line) => line.includes('"missing":["b"]'))).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

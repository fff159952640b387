import { describe, expect, it } from 'vitest';
import { chooseLanguage, createLanguageService, languageProblem } from '../../../main/i18n/language';
import { createLogger } from '../../../main/log/logger';
import { english } from '../../support/english';
import { CATALOG_DIR } from '../../support/catalogs';
import { useTempDirs } from '../../support/temp-dir';

describe('which language Handoff speaks', () => {
  it.each([
    ['es-419', 'es'],
    ['pt-PT', 'pt-BR'],
    ['zh-HK', 'zh-TW'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hant', 'zh-TW'],
    ['ar-EG', 'ar'],
    ['hi-IN', 'hi'],
    ['en-GB', 'en'],
    ['de-AT', 'de'],
    ['fr-CA', 'fr'],
    ['ja-JP', 'ja'],
    ['ko-KR', 'ko'],
    ['it-CH', 'it'],
    ['xx', 'en'],
    ['not a tag', 'en'],
  ])('the system preferring %s gets %s', (system, expected) => {
    expect(chooseLanguage('system', [system])).toBe(expected);
  });

  it('takes the first of the system languages it ships, in order of preference', () => {
    expect(chooseLanguage('system', ['nb-NO', 'sv', 'fr-BE', 'de'])).toBe('fr');
    expect(chooseLanguage('system', [])).toBe('en');
  });

  it("the agent's choice wins over the system's, written as IT may write it", () => {
    expect(chooseLanguage('ja', ['de-DE'])).toBe('ja');
    expect(chooseLanguage('de-DE', ['ja'])).toBe('de');
    expect(chooseLanguage('pt-br', ['ja'])).toBe('pt-BR');
    expect(chooseLanguage('zh-hk', ['ja'])).toBe('zh-TW');
    expect(languageProblem('de-DE')).toBeNull();
  });

  it('a language it cannot place falls through to the next preference, not to English', () => {
    expect(chooseLanguage('system', ['tlh', 'de'])).toBe('de');
    expect(chooseLanguage('system', ['nb-NO', 'sv', 'fr-BE', 'de'])).toBe('fr');
    expect(chooseLanguage('system', ['de', 'en-XA'])).toBe('de');
  });

  it('a pseudo-language is found only by its exact tag', () => {
    expect(chooseLanguage('system', ['en-XA'])).toBe('en-XA');
    expect(chooseLanguage('system', ['ar-XB', 'de'])).toBe('ar-XB');
  });

  it('an unknown setting falls back to the system languages and is a settings problem', () => {
    expect(chooseLanguage('klingon', ['de'])).toBe('de');
    const problem = languageProblem('klingon');
    expect(problem).not.toBeNull();
    expect(english(problem ?? { id: 'settings.problem.unknownLanguage' })).toContain('"klingon"');
    expect(languageProblem('system')).toBeNull();
    expect(languageProblem('pt-BR')).toBeNull();
  });
});

describe('the language service', () => {
  const tempDir = useTempDirs();

  it("follows the setting, else the system's languages, else the window's, and reads a catalog only when the language changes", async () => {
    let setting = 'system';
    let system: string[] | null = null;
    const service = await createLanguageService({
      catalogDir: CATALOG_DIR,
      setting: () => setting,
      system: () => system,
      logger: createLogger({ dataDir: await tempDir(), level: 'silent' }),
    });
    expect((await service.catalog(['ja-JP', 'en'])).tag).toBe('ja');
    expect(service.translator().tag).toBe('ja');
    system = ['ar-EG'];
    const arabic = await service.catalog(['ja-JP']);
    expect([arabic.tag, arabic.dir]).toEqual(['ar', 'rtl']);
    setting = 'fr';
    const french = await service.catalog();
    expect(french.tag).toBe('fr');
    expect(service.translator().tag).toBe('fr');
    // Asked again with nothing changed, the catalog in use is handed over as it is, not read again.
    expect(await service.catalog()).toBe(french);
  });
});

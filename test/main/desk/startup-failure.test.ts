import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startupFailure } from '../../../main/desk/startup-failure';
import { createLogger } from '../../../main/log/logger';
import { CATALOG_DIR } from '../../support/catalogs';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('the start failure dialog', () => {
  it('titles the error in the system\'s language, with the error\'s own words for IT', async () => {
    const logger = createLogger({ dataDir: await tempDir(), level: 'silent' });
    const error = new Error('EACCES: permission denied, open settings.json');
    expect(await startupFailure({ catalogDir: CATALOG_DIR, system: ['en-GB'], env: {}, error, logger })).toEqual({
      title: 'Handoff could not start',
      message: 'EACCES: permission denied, open settings.json',
    });
    // HANDOFF_LANG stands for the system's languages, as in the core: the pseudo-language shows the title is the catalog's.
    const pseudo = await startupFailure({ catalogDir: CATALOG_DIR, system: ['en-GB'], env: { HANDOFF_LANG: 'en-XA' }, error: 'plain', logger });
    expect(pseudo.title).not.toBe('Handoff could not start');
    // The accented pseudo-language brackets every message and pads it, as a longer language would be.
    expect(pseudo.title).toMatch(/^\[Ĥáñđóƒƒ .+\]$/);
    expect(pseudo.message).toBe('plain');
  });

  it('still says something when no catalog can be read', async () => {
    const logger = createLogger({ dataDir: await tempDir(), level: 'silent' });
    const missing = join(await tempDir(), 'no-locales');
    expect(await startupFailure({ catalogDir: missing, system: ['de'], env: {}, error: new Error('broken'), logger })).toEqual({
      title: 'Handoff',
      message: 'broken',
    });
  });
});

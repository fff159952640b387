import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type CoreEvent } from '../../../main/core';
import { dispatch } from '../../../main/handlers/channel-handlers';
import { CATALOG_DIR } from '../../support/catalogs';
import { useTempDirs } from '../../support/temp-dir';

describe('the language over the bridge', () => {
  const tempDir = useTempDirs();

  const start = async (env: Record<string, string>, files: Record<string, unknown> = {}) => {
    const dataDir = await tempDir();
    const policyDir = await tempDir();
    for (const [path, content] of Object.entries(files)) {
      const file = join(path.startsWith('policy/') ? policyDir : dataDir, path.replace(/^policy\//, ''));
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, JSON.stringify(content));
    }
    const core = await createCore({ catalogDir: CATALOG_DIR, dataDir, env: { HANDOFF_POLICY_DIR: policyDir, HANDOFF_LOG_LEVEL: 'silent', ...env } });
    const call = (channel: 'settings:update' | 'language:get' | 'settings:get', payload?: unknown) => dispatch(core.handlers, channel, payload, core.logger);
    return { core, call };
  };

  it("gives the window the browser's language in the preview, and a new catalog as an event when the agent picks one", async () => {
    const { core, call } = await start({});
    const events: CoreEvent[] = [];
    core.onEvent((event) => events.push(event));
    expect(await call('language:get', { preferred: ['ja-JP', 'en'] })).toMatchObject({ ok: true, value: { tag: 'ja', dir: 'ltr' } });
    expect(await call('settings:update', { language: 'ar' })).toMatchObject({ ok: true });
    const changed = events.filter((event) => event.event === 'language:changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.payload).toMatchObject({ tag: 'ar', dir: 'rtl' });
    expect(core.language.translator().tag).toBe('ar');
    // Saving something else does not resend the catalog.
    expect(await call('settings:update', { keepOnTop: true })).toMatchObject({ ok: true });
    expect(events.filter((event) => event.event === 'language:changed')).toHaveLength(1);
    await core.close();
  });

  it('HANDOFF_LANG stands for the system languages, over the browser\'s', async () => {
    const { core, call } = await start({ HANDOFF_LANG: 'zh-HK' });
    expect(await call('language:get', { preferred: ['de'] })).toMatchObject({ ok: true, value: { tag: 'zh-TW' } });
    await core.close();
  });

  it('refuses a language it does not ship from the window, and changes nothing', async () => {
    const { core, call } = await start({});
    const refused = await call('settings:update', { language: 'tlh' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { settings: { language: 'system' } } });
    await core.close();
  });

  it('a language enforced by policy wins over the agent and the system, and cannot be changed', async () => {
    const { core, call } = await start({ HANDOFF_LANG: 'de' }, { 'policy/policy.json': { enforced: { language: 'fr' } } });
    expect(await call('language:get', { preferred: ['ja'] })).toMatchObject({ ok: true, value: { tag: 'fr' } });
    expect(await call('settings:update', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'enforced_by_policy' } });
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { enforced: expect.arrayContaining(['language']) as unknown } });
    await core.close();
  });

  it('an unknown language in settings.json falls back to the system languages', async () => {
    const { core, call } = await start({ HANDOFF_LANG: 'ko' }, { 'settings.json': { language: 'tlh' } });
    expect(await call('language:get')).toMatchObject({ ok: true, value: { tag: 'ko' } });
    await core.close();
  });
});

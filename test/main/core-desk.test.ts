import { describe, expect, it } from 'vitest';
import type { Settings } from '../../main/contract/domain';
import { text } from '../../main/contract/text';
import { createCore } from '../../main/core';
import { dispatch } from '../../main/handlers/channel-handlers';
import { useTempDirs } from '../support/temp-dir';
import { CATALOG_DIR } from '../support/catalogs';
import { english } from '../support/english';

describe('the core and the desktop shell', () => {
  const tempDir = useTempDirs();

  it('applies the desktop settings at attach and after a save; a shortcut the OS refuses is reported, not dropped', async () => {
    const policyDir = await tempDir();
    const core = await createCore({ catalogDir: CATALOG_DIR, dataDir: await tempDir(), env: { HANDOFF_POLICY_DIR: policyDir, HANDOFF_LOG_LEVEL: 'silent' } });
    const applied: Settings[] = [];
    const refused = text('desk.shortcutRefused', { accelerator: 'Ctrl+Alt+H' });
    // The stand-in for Electron's globalShortcut, which cannot run here: it refuses one accelerator.
    core.attachShell({
      apply(settings) {
        applied.push(settings);
        return settings.bringToFrontShortcut === 'Ctrl+Alt+H' ? refused : null;
      },
    });
    expect(applied).toHaveLength(1);
    const call = (channel: 'settings:update' | 'app:state', payload?: unknown) => dispatch(core.handlers, channel, payload, core.logger);

    expect(await call('settings:update', { keepOnTop: true })).toMatchObject({ ok: true });
    expect(applied.at(-1)).toMatchObject({ keepOnTop: true });

    const saved = await call('settings:update', { bringToFrontShortcut: 'Ctrl+Alt+H' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'shortcut_unavailable', detail: { field: 'bringToFrontShortcut' } } });
    expect(saved.ok ? null : english(saved.error.message)).toBe(
      'Settings saved. The system refused the shortcut Ctrl+Alt+H (another app may use it): choose another one in Settings.',
    );
    expect(core.settings().bringToFrontShortcut).toBe('Ctrl+Alt+H');
    // Shown with the settings problems, in every view, until fixed or dismissed.
    expect(await call('app:state')).toMatchObject({ ok: true, value: { settingsProblems: [refused] } });

    expect(await call('settings:update', { bringToFrontShortcut: 'Ctrl+Alt+J' })).toMatchObject({ ok: true });
    expect(await call('app:state')).toMatchObject({ ok: true, value: { settingsProblems: [] } });
    await core.close();
  });
});

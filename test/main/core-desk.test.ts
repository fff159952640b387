import { describe, expect, it } from 'vitest';
import type { Settings } from '../../main/contract/domain';
import { text } from '../../main/contract/text';
import { createCore } from '../../main/core';
import { dispatch } from '../../main/handlers/channel-handlers';
import { useTempDirs } from '../support/temp-dir';
import { CATALOG_DIR } from '../support/catalogs';
import { english } from '../support/english';

// What the stand-in shell says when it refuses a shortcut: any sentence will do, shown as it is.
const REFUSED = text('journal.recordedMessage', { text: 'The system refused the shortcut Ctrl+Alt+H.' });

describe('the core and the desktop shell', () => {
  const tempDir = useTempDirs();

  it('applies the desktop settings at attach and after a save; a shortcut the OS refuses is reported, not dropped', async () => {
    const policyDir = await tempDir();
    const core = await createCore({ catalogDir: CATALOG_DIR, dataDir: await tempDir(), env: { HANDOFF_POLICY_DIR: policyDir, HANDOFF_LOG_LEVEL: 'silent' } });
    const applied: Settings[] = [];
    // The stand-in for Electron's globalShortcut, which cannot run here: it refuses one accelerator.
    core.attachShell({
      apply(settings) {
        applied.push(settings);
        return settings.bringToFrontShortcut === 'Ctrl+Alt+H' ? REFUSED : null;
      },
    });
    expect(applied).toHaveLength(1);
    const call = (channel: 'settings:update' | 'app:state', payload?: unknown) => dispatch(core.handlers, channel, payload, core.logger);

    expect(await call('settings:update', { keepOnTop: true })).toMatchObject({ ok: true });
    expect(applied.at(-1)).toMatchObject({ keepOnTop: true });

    const refused = await call('settings:update', { bringToFrontShortcut: 'Ctrl+Alt+H' });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'shortcut_unavailable', message: text('error.savedButShortcutRefused', { refused: REFUSED }), detail: { field: 'bringToFrontShortcut' } },
    });
    if (!refused.ok) expect(english(refused.error.message)).toBe('Settings saved. The system refused the shortcut Ctrl+Alt+H.');
    expect(core.settings().bringToFrontShortcut).toBe('Ctrl+Alt+H');
    expect(await call('app:state')).toMatchObject({ ok: true, value: { settingsProblem: 'The system refused the shortcut Ctrl+Alt+H.' } });

    expect(await call('settings:update', { bringToFrontShortcut: 'Ctrl+Alt+J' })).toMatchObject({ ok: true });
    expect(await call('app:state')).toMatchObject({ ok: true, value: { settingsProblem: null } });
    await core.close();
  });
});

/**
 * The desktop settings in the window: saved as they change, checked by the same rules as the file
 * and policy, and read-only where policy sets them. What they do (keep on top, the system-wide
 * shortcut, notifications) needs Electron: see electron.spec.ts.
 */
import { expect, test } from './support/handoff';
import { button, showView } from './support/ui';

test('Keep on top and notifications save as they change; a shortcut other apps could not use is refused beside its field', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await showView(page, 'Settings');
  const onTop = page.getByLabel('Keep Handoff on top of other windows');
  await expect(onTop).not.toBeChecked();
  await onTop.check();
  await expect.poll(() => handoff.core.settings().keepOnTop).toBe(true);
  await page.getByLabel(/Notify me of action outcomes/).uncheck();
  await expect.poll(() => handoff.core.settings().notifyOutcomes).toBe(false);

  const shortcut = page.getByLabel('Bring-to-front shortcut (works in every app)');
  await shortcut.fill('Shift+H');
  await button(page, 'Save shortcut').click();
  await expect(page.getByText('A shortcut for every app needs Ctrl, Alt, Command or Super')).toBeVisible();
  await expect(shortcut).toHaveAttribute('aria-invalid', 'true');
  expect(handoff.core.settings().bringToFrontShortcut).toBeNull();

  await shortcut.fill('CommandOrControl+Alt+H');
  await button(page, 'Save shortcut').click();
  await expect.poll(() => handoff.core.settings().bringToFrontShortcut).toBe('CommandOrControl+Alt+H');

  // The ? panel shows the shortcut as set.
  await page.evaluate('document.activeElement.blur()');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('CommandOrControl+Alt+H');
});

test.describe('set by policy', () => {
  test.use({ policyFiles: { 'policy.json': JSON.stringify({ enforced: { keepOnTop: true, bringToFrontShortcut: 'Ctrl+Alt+F9' } }) } });

  test('is shown read-only, with who set it', async ({ page, handoff }) => {
    await page.goto(handoff.preview.url);
    await showView(page, 'Settings');
    await expect(page.getByLabel('Keep Handoff on top of other windows')).toBeChecked();
    await expect(page.getByLabel('Keep Handoff on top of other windows')).toBeDisabled();
    await expect(page.getByLabel('Bring-to-front shortcut (works in every app)')).toHaveAttribute('readonly', '');
    await expect(page.getByLabel('Bring-to-front shortcut (works in every app)')).toHaveValue('Ctrl+Alt+F9');
    await expect(button(page, 'Save shortcut')).toHaveCount(0);
    expect(handoff.core.settings()).toMatchObject({ keepOnTop: true, bringToFrontShortcut: 'Ctrl+Alt+F9' });
  });
});

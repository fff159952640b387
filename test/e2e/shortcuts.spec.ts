/**
 * The shortcut map drives the window: a whole warm transfer by its shortcuts alone, the tooltips
 * naming them, and the ? panel listing exactly the map's entries.
 */
import { GLOBAL_SHORTCUT, WINDOW_SHORTCUTS } from '../../main/shortcuts/shortcut-map';
import { COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { announcement, button, escapeRegExp, expectStates, onACall } from './support/ui';
import { english } from '../support/english';

/** The keys Playwright presses for a map entry. */
function keysOf(id: (typeof WINDOW_SHORTCUTS)[number]['id']): string {
  const chord = WINDOW_SHORTCUTS.find((shortcut) => shortcut.id === id)?.chord;
  if (chord === undefined) throw new Error(`${id} is not in the map`);
  return chord.alt ? `Alt+${chord.code}` : chord.key;
}

test('a warm transfer from the keyboard alone, with the shortcuts', async ({ page, handoff }) => {
  await onACall(page, handoff, { open: false });
  // The customer field has focus on a fresh call view: type, Enter opens the call.
  await expect(page.getByLabel('Customer number', { exact: true })).toBeFocused();
  await page.keyboard.type(CUSTOMER_SHOWN);
  await page.keyboard.press('Enter');
  await expect(announcement(page)).toContainText('Call opened');

  // Focus is moved off the field first, so the shortcut, not the page, puts it there.
  await page.evaluate('document.activeElement.blur()');
  await expect(page.getByLabel('Transfer to', { exact: true })).not.toBeFocused();
  await page.keyboard.press(keysOf('focus-transfer'));
  await expect(page.getByLabel('Transfer to', { exact: true })).toBeFocused();
  await page.keyboard.type(COLLEAGUE_SHOWN);
  await page.keyboard.press(keysOf('warm-transfer'));
  await expect(announcement(page)).toContainText('Warm transfer started');
  await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold', [COLLEAGUE_SHOWN]: 'Called' });

  await page.keyboard.press(keysOf('complete-transfer'));
  await expect(announcement(page)).toContainText('Transfer completed');
  await expectStates(page, { You: 'Left', [CUSTOMER_SHOWN]: 'Connected', [COLLEAGUE_SHOWN]: 'Connected' });
  expect(handoff.actionNames()).toEqual(['warm_transfer', 'hangup']);
});

test('hold and resume the customer, merge, and a shortcut with nothing to press says so', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await page.keyboard.press(keysOf('hold-customer'));
  await expectStates(page, { [CUSTOMER_SHOWN]: 'On hold' });
  // The row can show the new state before the action's answer frees the buttons: wait for the answer.
  await expect(announcement(page)).toContainText('is on hold');
  await page.keyboard.press(keysOf('hold-customer'));
  await expectStates(page, { [CUSTOMER_SHOWN]: 'Connected' });
  // Again the answer: its announcement would otherwise replace the one this test waits for.
  await expect(announcement(page)).toContainText('is back on the call');

  await page.keyboard.press(keysOf('merge-transfer'));
  await expect(announcement(page)).toContainText('"Merge calls (everyone talks together)" is not available right now.');
  expect(handoff.actionNames()).toEqual(['hold', 'unhold']);
});

test('the buttons\' tooltips name their shortcuts, from the map', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await expect(button(page, 'Warm transfer')).toHaveAttribute('title', /\(Alt\+W\)$/);
  await expect(button(page, 'Close in Handoff')).toHaveAttribute('title', 'Alt+L');
  await expect(page.getByRole('button', { name: new RegExp(`^Hold ${escapeRegExp(CUSTOMER_SHOWN)}`) })).toHaveAttribute('title', 'Alt+H');
  await expect(page.getByLabel('Transfer to', { exact: true })).toHaveAttribute('title', /\(Alt\+T\)$/);
});

test('? opens the Keyboard shortcuts panel: exactly the map\'s entries, focus kept inside, Escape closes', async ({ page, handoff }) => {
  await onACall(page, handoff);
  // In a field, ? is a character.
  const to = page.getByLabel('Transfer to', { exact: true });
  await to.focus();
  await page.keyboard.type('?');
  await expect(to).toHaveValue('?');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const close = button(page, 'Close in Handoff');
  await close.focus();
  await page.keyboard.press('?');
  const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(panel).toBeVisible();
  const rows = panel.locator('tbody tr');
  const expected = [
    ...WINDOW_SHORTCUTS.map((shortcut) => `${shortcut.chord.label} ${english({ id: shortcut.action })}`),
    `Off ${english({ id: GLOBAL_SHORTCUT.action })}: set it in Settings`,
  ];
  expect((await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(expected);

  // Tab cycles inside; shortcuts do nothing behind it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press(keysOf('close-call'));
  await expect(panel).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(close).toBeFocused();
  expect(handoff.actionNames()).toEqual([]);
});

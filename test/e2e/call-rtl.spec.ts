/**
 * The call view in a right-to-left language. `ar-XB` is English with every word shown right to
 * left (main/i18n/pseudo.ts), so the layout mirrors as it will in Arabic while the words stay
 * readable: the page runs right to left, numbers and times still read left to right, and every word
 * on the call view comes from the catalog (a word that did not would show unmirrored).
 */
import { COLLEAGUE, COLLEAGUE_SHOWN, CUSTOMER, CUSTOMER_SHOWN, expect, needsKeyring, test } from './support/handoff';

// Right-to-left override … pop directional formatting: how ar-XB marks each word it mirrored.
const MIRRORED_WORD = /\u202e[^\u202c]*\u202c/g;

test('in a right-to-left language the call view mirrors, while numbers, addresses and times read left to right', async ({ page, handoff }) => {
  needsKeyring();
  await handoff.configure();
  handoff.startLiveCall();
  expect((await handoff.call('settings:update', { language: 'ar-XB' })).ok).toBe(true);
  // Someone named, someone known only by their number, and a warm transfer under way.
  expect((await handoff.call('session:open', { customer: CUSTOMER, label: 'Maria Lopez' })).ok).toBe(true);
  expect((await handoff.call('call:warm-transfer', { to: COLLEAGUE, role: 'agent' })).ok).toBe(true);

  await page.goto(handoff.preview.url);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const list = page.locator('ul[role="list"]');
  await expect(list.locator('.address')).toHaveCount(2);
  await expect(list.locator('.address').first()).toHaveText(CUSTOMER_SHOWN);
  await expect(list.locator('.address').nth(1)).toHaveText(COLLEAGUE_SHOWN);

  await expect(page.locator('main')).toHaveCSS('direction', 'rtl');
  // Every number on the rows, and every time, reads left to right inside the right-to-left page.
  for (const number of await list.locator('.address').all()) await expect(number).toHaveCSS('direction', 'ltr');
  const timers = page.locator('.timer');
  await expect(timers).toHaveCount(6);
  for (const timer of await timers.all()) await expect(timer).toHaveCSS('direction', 'ltr');

  // Every word the view shows came from the catalog: with the mirrored words and the data taken
  // out (the customer's name, numbers and times), no word is left.
  const shown = await page.locator('main').innerText();
  const left = shown.replace(MIRRORED_WORD, ' ').replaceAll('Maria Lopez', ' ').replace(/[\d():+\-–…·.,;\s\u2068\u2069\u200f]+/g, ' ').trim();
  expect(left).toBe('');
});

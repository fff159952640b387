/**
 * Every view in `en-XA` (English accented and 40% longer, issue 13) at 420x760: no text is cut off
 * or runs out of its box, the window never scrolls sideways, and axe still finds nothing serious or
 * critical. Longer words are what German, French or Hindi bring; a layout that holds them here
 * holds them there.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { COLLEAGUE, CUSTOMER, expect, needsKeyring, test } from './support/handoff';
import { wordsFor } from './support/words';

/**
 * Every box that holds text and is narrower than that text: a text's nearest box that is not inline
 * (an inline box has no width of its own), whose scroll width passes its client width. A string, as
 * the tests' TypeScript has no DOM types.
 */
const OVERFLOWING = `(() => {
  const problems = [];
  const boxes = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.textContent.trim() === '') continue;
    let box = node.parentElement;
    while (box !== null && getComputedStyle(box).display.startsWith('inline') && !getComputedStyle(box).display.startsWith('inline-')) box = box.parentElement;
    if (box === null || box.closest('.visually-hidden, [hidden], script, style') !== null) continue;
    // Not shown, or shown to screen readers only (a 1 px clipped box): no one reads it cut off.
    if (box.getClientRects().length === 0 || box.clientWidth <= 1) continue;
    boxes.add(box);
  }
  for (const box of boxes) {
    if (box.scrollWidth > box.clientWidth + 1) {
      problems.push(box.tagName.toLowerCase() + '.' + box.className + ' "' + box.textContent.trim().slice(0, 60) + '": ' + box.scrollWidth + ' > ' + box.clientWidth);
    }
  }
  if (document.documentElement.scrollWidth > innerWidth) problems.push('the window scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + innerWidth);
  return problems;
})()`;

/** Checks the view as it is now: nothing overflows, and axe finds no serious or critical violation. */
async function expectFits(page: Page, view: string): Promise<void> {
  expect(await page.evaluate<string[]>(OVERFLOWING), `${view}: text cut off or overflowing`).toEqual([]);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `${view}: axe`).toEqual([]);
}

test.use({ viewport: { width: 420, height: 760 } });

test.describe('en-XA on a first run with a settings problem', () => {
  test.use({ dataFiles: { 'settings.json': JSON.stringify({ language: 'en-XA', colour: 'blue' }) } });

  test('the welcome, the problem and the forms fit', async ({ page, handoff }) => {
    const words = await wordsFor('en-XA');
    await page.goto(handoff.preview.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
    await expect(page.getByRole('heading', { name: words.t('welcome.heading') })).toBeVisible();
    await expectFits(page, 'first run');
  });
});

test('every view of a configured Handoff in en-XA fits, in every state of the call', async ({ page, handoff }) => {
  needsKeyring();
  const words = await wordsFor('en-XA');
  await handoff.configure();
  expect((await handoff.call('settings:update', { language: 'en-XA' })).ok).toBe(true);
  handoff.startLiveCall();
  await page.goto(handoff.preview.url);
  const view = (id: 'header.view.call' | 'header.view.history' | 'header.view.settings') =>
    page.getByRole('navigation', { name: words.t('header.views') }).getByRole('button', { name: words.t(id), exact: true });

  await expect(view('header.view.call')).toHaveAttribute('aria-current', 'page');
  await expectFits(page, 'call view, no call');

  expect((await handoff.call('session:open', { customer: CUSTOMER, label: 'Maria Lopez' })).ok).toBe(true);
  await expect(page.locator('ul[role="list"] > li')).toHaveCount(2);
  await expectFits(page, 'call view, on a call');

  expect((await handoff.call('call:warm-transfer', { to: COLLEAGUE, role: 'agent' })).ok).toBe(true);
  await expect(page.getByRole('heading', { name: words.t('transfer.underWay') })).toBeVisible();
  await expectFits(page, 'warm transfer under way');

  await page.getByRole('button', { name: words.t('call.close'), exact: true }).click();
  await expect(page.getByRole('heading', { name: words.t('call.closeQuestion.heading') })).toBeVisible();
  await expectFits(page, 'close question');

  await page.keyboard.press('Escape');
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectFits(page, 'keyboard shortcuts');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await view('header.view.history').click();
  await expect(page.getByRole('heading', { name: words.t('history.heading') })).toBeVisible();
  await expect(page.locator('main table, main ul, main ol').first()).toBeVisible();
  await expectFits(page, 'history');

  await view('header.view.settings').click();
  await expect(page.getByRole('heading', { name: words.t('settings.heading'), level: 1 })).toBeVisible();
  await expectFits(page, 'settings');
});

test('in en-XA a link question and the outcome question fit too', async ({ page, handoff }) => {
  needsKeyring();
  const words = await wordsFor('en-XA');
  await handoff.configure({ requestTimeoutMs: 2000 });
  expect((await handoff.call('settings:update', { language: 'en-XA' })).ok).toBe(true);
  handoff.startLiveCall();
  await page.goto(handoff.preview.url);
  expect((await handoff.call('session:open', { customer: CUSTOMER })).ok).toBe(true);
  // The page shows the call: it is listening to the core's events before the link arrives.
  await expect(page.locator('ul[role="list"] > li')).toHaveCount(2);
  await handoff.core.checksSettled();

  // A screen-pop link for another customer while this call is open asks before replacing it.
  void handoff.core.deliverLink('handoff://call?to=%2B14155550177&name=Ada%20Lovelace');
  await expect(page.getByRole('heading', { name: words.t('linkQuestion.headingReplacing') })).toBeVisible();
  await expectFits(page, 'link question');
  await page.getByRole('button', { name: words.t('linkQuestion.keepCurrent'), exact: true }).click();
  await expect(page.getByRole('heading', { name: words.t('linkQuestion.headingReplacing') })).toHaveCount(0);

  // Plivo carries out the transfer but its answer comes after the timeout: "Did it go through?"
  handoff.sim.injectFault({ kind: 'delay', ms: 8000 });
  expect((await handoff.call('call:warm-transfer', { to: COLLEAGUE, role: 'agent' })).ok).toBe(false);
  await expect(page.getByRole('heading', { name: words.t('call.confirm.heading') })).toBeVisible();
  await expectFits(page, 'outcome question');
});

test.describe('en-XA in the demo', () => {
  test.use({ dataFiles: { 'settings.json': JSON.stringify({ language: 'en-XA' }) } });

  test('the demo banner and the demo call view fit', async ({ page, handoff }) => {
    const words = await wordsFor('en-XA');
    await page.goto(handoff.preview.url);
    expect((await handoff.call('demo:start')).ok).toBe(true);
    await page.reload();
    await expect(page.getByRole('region', { name: words.t('banner.demo.label') })).toBeVisible();
    await expectFits(page, 'demo');
  });
});

/**
 * Everything works from the keyboard, with a focus the agent can see: a whole warm transfer is
 * done here with Tab, Enter and typing only, never the mouse.
 */
import type { Locator, Page } from '@playwright/test';
import { COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { announcement, button, demoBanner, expectStates, onACall } from './support/ui';

/** Presses Tab until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    if ((await target.and(page.locator(':focus')).count()) === 1) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} did not get focus within ${max} presses of Tab`);
}

/** The computed focus ring of the element that shows keyboard focus. */
async function focusRing(page: Page): Promise<{ outlineStyle: string; outlineWidth: string; boxShadow: string }> {
  const focused = page.locator(':focus-visible');
  await expect(focused).toHaveCount(1);
  return focused.evaluate((element: unknown) => {
    const view = globalThis as unknown as {
      getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string; boxShadow: string };
    };
    const style = view.getComputedStyle(element);
    return { outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, boxShadow: style.boxShadow };
  });
}

/** Whether a ring is actually drawn. */
function visible(ring: { outlineStyle: string; outlineWidth: string; boxShadow: string }): boolean {
  return (ring.outlineStyle !== 'none' && ring.outlineWidth !== '0px') || ring.boxShadow !== 'none';
}

test('a warm transfer from open call to complete, by keyboard only, with a visible focus', async ({ page, handoff }) => {
  await onACall(page, handoff, { open: false });

  const customer = page.getByLabel('Customer number', { exact: true });
  await tabTo(page, customer);
  expect(visible(await focusRing(page)), 'the focused field shows a ring').toBe(true);
  await page.keyboard.type(CUSTOMER_SHOWN);
  await page.keyboard.press('Enter');
  await expect(announcement(page)).toContainText('Call opened');

  await tabTo(page, page.getByLabel('Transfer to', { exact: true }));
  await page.keyboard.type(COLLEAGUE_SHOWN);
  const warm = button(page, 'Warm transfer');
  await tabTo(page, warm);
  const ring = await focusRing(page);
  expect(visible(ring), `the focused button shows a ring (${JSON.stringify(ring)})`).toBe(true);
  await page.keyboard.press('Enter');
  await expect(announcement(page)).toContainText('Warm transfer started');
  await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold', [COLLEAGUE_SHOWN]: 'Called' });
  // The pressed button is gone; focus was kept inside the page, not dropped on <body>.
  await expect(page.locator(':focus')).toHaveCount(1);

  const complete = button(page, 'Complete transfer');
  await tabTo(page, complete);
  expect(visible(await focusRing(page))).toBe(true);
  await page.keyboard.press('Enter');
  await expect(announcement(page)).toContainText('Transfer completed');
  await expectStates(page, { You: 'Left', [CUSTOMER_SHOWN]: 'Connected', [COLLEAGUE_SHOWN]: 'Connected' });
  expect(handoff.actionNames()).toEqual(['warm_transfer', 'hangup']);
});

test('the views and the demo are reachable by keyboard on a first run', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  // The greeting has focus, so a screen reader starts there and Tab goes on to the demo.
  await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeFocused();
  await tabTo(page, button(page, 'Try the demo'));
  expect(visible(await focusRing(page))).toBe(true);
  await page.keyboard.press('Enter');
  await expect(demoBanner(page)).toBeVisible();
  await tabTo(page, button(page, 'Leave demo'));
  await page.keyboard.press('Enter');
  await expect(demoBanner(page)).toHaveCount(0);
});

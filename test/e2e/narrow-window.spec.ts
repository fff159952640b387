/**
 * The window sits beside the softphone and must work down to 360 px wide (issue 3, item 1): no
 * view may scroll sideways, even with a long name and a long SIP address on the call.
 */
import type { Page } from '@playwright/test';
import { CUSTOMER_SHOWN, expect, test } from './support/handoff';
import {
  announcement,
  button,
  expectStates,
  fillTransfer,
  onACall,
  openCall,
  participant,
  showView,
  transferUnderWay,
} from './support/ui';

const WIDTH = 360;
const LONG_SIP = 'sip:a-very-long-user-name-for-testing@pbx.contact-center.example.com';
const LONG_NAME = 'Maximiliana-Theodora Wolfeschlegelsteinhausen-Bergerdorff';

test.use({ viewport: { width: WIDTH, height: 680 } });

/** Fails, naming the view, when the page is wider than the window. */
async function fitsWidth(page: Page, view: string): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth'), view).toBeLessThanOrEqual(WIDTH);
}

test('a first run fits a 360 px window', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await expect(button(page, 'Try the demo')).toBeVisible();
  await fitsWidth(page, 'first run');
});

test('every call view fits a 360 px window, with a long name and a long SIP address', async ({ page, handoff }) => {
  await onACall(page, handoff, { open: false });

  await showView(page, 'Settings');
  await expect(page.getByText(/Auth Token set/)).toBeVisible();
  await fitsWidth(page, 'settings with credentials saved');

  await showView(page, 'Call');
  await expect(page.getByLabel('Customer number', { exact: true })).toBeVisible();
  await fitsWidth(page, 'call, none open');
  await openCall(page, CUSTOMER_SHOWN, LONG_NAME);
  await fitsWidth(page, 'call idle');

  await fillTransfer(page, LONG_SIP);
  await button(page, 'Add to call').click();
  await expect(announcement(page)).toContainText(`Dialling ${LONG_SIP} into the call`);
  await expectStates(page, { [LONG_SIP]: 'Called' });
  await fitsWidth(page, 'call with a long SIP address');

  // Hung up, so the same address can be the warm transfer's target.
  await participant(page, LONG_SIP).getByRole('button', { name: /^Hang up\b/ }).click();
  await expect(announcement(page)).toContainText(`${LONG_SIP} was hung up`);
  await expectStates(page, { [LONG_SIP]: 'Left' });
  await fillTransfer(page, LONG_SIP);
  await button(page, 'Warm transfer').click();
  await expect(transferUnderWay(page)).toBeVisible();
  await expect(transferUnderWay(page).locator('..').getByText(`Calling ${LONG_SIP}`)).toBeVisible();
  await fitsWidth(page, 'warm transfer to a long SIP address');

  handoff.sim.injectFault({ kind: 'status', status: 401 });
  await button(page, 'Cancel transfer').click();
  await expect(announcement(page)).toContainText('Plivo did not accept');
  await announcement(page).getByText('Details', { exact: true }).click();
  await expect(announcement(page).getByText('api_id')).toBeVisible();
  await fitsWidth(page, 'error with Details open');

  // In a short window the outcome panel scrolls inside rather than cover the transfer's states.
  const height = 420;
  await page.setViewportSize({ width: WIDTH, height });
  const panel = await announcement(page).locator('..').boundingBox();
  expect(panel?.height, 'the outcome panel\'s height').toBeLessThanOrEqual(Math.ceil(height * 0.35));
  await expect(announcement(page).getByText('api_id')).toBeAttached();
});

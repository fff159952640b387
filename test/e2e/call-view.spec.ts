/**
 * A call view the agent can trust at a glance (issue 12): times that advance and survive a reload,
 * states that claim only what Plivo reported, messages that leave or stay as they should, and
 * focus where the agent's hands go.
 */
import { AGENT_TYPED, COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { announcement, button, fillTransfer, onACall, openCall, participant, startWarmTransfer, transferUnderWay } from './support/ui';

const CUSTOMER = 'Maria Lopez';

/** A timer's text (`m:ss` or `h:mm:ss`) in seconds. */
function seconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

test('each row, the call and the transfer box show times that advance, each from its own start', async ({ page, handoff }) => {
  await page.clock.install({ time: new Date() });
  await onACall(page, handoff, { name: CUSTOMER });
  const callTimer = page.locator('.call-time .timer');
  await expect(callTimer).toHaveText(/^0:0\d$/);
  // Real time passes before the transfer, so hold time and call time must differ by it.
  await page.waitForTimeout(3000);
  await startWarmTransfer(page, CUSTOMER);
  await page.clock.runFor(65_000);

  const box = transferUnderWay(page).locator('..');
  const call = seconds(await callTimer.innerText());
  const hold = seconds(await participant(page, CUSTOMER).locator('.timer').innerText());
  const consult = seconds(await box.locator('.timer').first().innerText());
  const heldInBox = seconds(await box.locator('.timer').nth(1).innerText());
  // The page's clock and the core's are a second or so apart here, so the bounds leave that room.
  expect(hold).toBeGreaterThanOrEqual(62);
  expect(call - hold).toBeGreaterThanOrEqual(2);
  expect(Math.abs(consult - hold)).toBeLessThanOrEqual(1);
  expect(Math.abs(heldInBox - hold)).toBeLessThanOrEqual(1);
  await expect(box).toContainText(`Calling ${COLLEAGUE_SHOWN}`);
  await expect(box).toContainText(`${CUSTOMER} on hold`);
  // Once a second, without anything else happening.
  await page.clock.runFor(2_000);
  expect(seconds(await participant(page, CUSTOMER).locator('.timer').innerText())).toBeGreaterThanOrEqual(hold + 2);
});

test('a reloaded view keeps the times the core stamped, instead of starting again at 0:00', async ({ page, handoff }) => {
  await onACall(page, handoff, { name: CUSTOMER });
  await startWarmTransfer(page, CUSTOMER);
  await page.waitForTimeout(2500);
  await page.reload();
  await expect(participant(page, CUSTOMER).locator('.timer')).toHaveText(/^0:(0[2-9]|[1-5]\d)$/);
});

test('a clock set back shows 0:00, never a negative time', async ({ page, handoff }) => {
  await page.clock.install({ time: new Date(Date.now() - 3_600_000) });
  await onACall(page, handoff, { name: CUSTOMER });
  await expect(page.getByText('Call 0:00', { exact: true })).toBeVisible();
  await expect(participant(page, CUSTOMER)).toContainText(/Connected\s*0:00/);
});

test('states claim only what Plivo reported: the colleague is "Called" and the box says the agent hears the answer', async ({ page, handoff }) => {
  await onACall(page, handoff, { name: CUSTOMER });
  await startWarmTransfer(page, CUSTOMER);
  await expect(participant(page, COLLEAGUE_SHOWN)).toContainText('Called');
  await expect(participant(page, COLLEAGUE_SHOWN)).not.toContainText('Consulting');
  await expect(page.getByText('You will hear them answer on your softphone, not here.')).toHaveCount(1);
  // The transfer box does not repeat the rows' states in a grid of its own.
  await expect(transferUnderWay(page).locator('..').getByRole('term')).toHaveCount(0);
});

test('a success leaves by itself; a failure stays until the agent starts another action', async ({ page, handoff }) => {
  await page.clock.install({ time: new Date() });
  await onACall(page, handoff, { name: CUSTOMER });
  await expect(announcement(page)).toContainText('Call opened');
  await page.clock.runFor(7_000);
  await expect(announcement(page)).toBeEmpty();

  handoff.sim.injectFault({ kind: 'status', status: 401 });
  await participant(page, CUSTOMER).getByRole('button', { name: /^Hold\b/ }).click();
  await expect(announcement(page)).toContainText('Plivo did not accept');
  await page.clock.runFor(60_000);
  await expect(announcement(page)).toContainText('Plivo did not accept');
  // Codes belong under Details, never in the sentence.
  await expect(announcement(page).locator('.message')).not.toContainText('invalid_credentials');
  await announcement(page).getByText('Details', { exact: true }).click();
  await expect(announcement(page).getByText('invalid_credentials')).toBeVisible();

  // The next action clears it before its own outcome arrives.
  await participant(page, CUSTOMER).getByRole('button', { name: /^Hold\b/ }).click();
  await expect(announcement(page)).toContainText(`${CUSTOMER} is on hold.`);
});

test('a transfer to the agent\'s own number is refused at the field, and nothing is sent', async ({ page, handoff }) => {
  await onACall(page, handoff, { name: CUSTOMER });
  await fillTransfer(page, AGENT_TYPED);
  await button(page, 'Warm transfer').click();
  const field = page.getByLabel('Transfer to', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('That is your own number: enter the colleague\'s.')).toBeVisible();
  await expect(field).toBeFocused();
  await expect(announcement(page)).toBeEmpty();
  expect(handoff.actions()).toHaveLength(0);
});

test('focus starts where the agent types next: Customer number, then Transfer to after Open call and on reload', async ({ page, handoff }) => {
  await onACall(page, handoff, { open: false });
  await expect(page.getByLabel('Customer number', { exact: true })).toBeFocused();
  await openCall(page, CUSTOMER_SHOWN);
  await expect(page.getByLabel('Transfer to', { exact: true })).toBeFocused();
  await page.reload();
  await expect(page.getByLabel('Transfer to', { exact: true })).toBeFocused();
});

/**
 * The demo: on a first run with nothing configured, the agent can try Handoff at once against its
 * built-in simulator, under a banner that cannot be missed, and leave it again.
 */
import { COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { announcement, button, expectStates, fillTransfer, openCall, viewButton } from './support/ui';

test('a first run offers the demo: banner, open a call, warm transfer, complete, leave', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await expect(viewButton(page, 'Settings')).toHaveAttribute('aria-current', 'page');
  const banner = page.getByRole('region', { name: /^Demo mode/ });
  await expect(banner).toHaveCount(0);

  await button(page, 'Try the demo').click();
  await expect(announcement(page)).toContainText('Demo started');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/^Demo mode/);
  await expect(viewButton(page, 'Call')).toHaveAttribute('aria-current', 'page');
  expect(await handoff.call('app:state')).toEqual({ ok: true, value: { mode: 'demo', configured: true } });

  // Any number works in the demo: its simulator starts the call the agent opens.
  await openCall(page, CUSTOMER_SHOWN, 'Dana');
  await expectStates(page, { You: 'Connected', Dana: 'Connected' });
  await fillTransfer(page, COLLEAGUE_SHOWN);
  await button(page, 'Warm transfer').click();
  await expect(announcement(page)).toContainText('Warm transfer started: you are talking to (415) 222-5555 while Dana holds.');
  await expectStates(page, { You: 'Consulting', Dana: 'On hold', [COLLEAGUE_SHOWN]: 'Consulting' });
  // The banner stays on every view.
  await expect(banner).toBeVisible();
  await button(page, 'Complete transfer').click();
  await expect(announcement(page)).toContainText('Transfer completed');
  await expectStates(page, { You: 'Left', Dana: 'Connected', [COLLEAGUE_SHOWN]: 'Connected' });

  await button(page, 'End call').click();
  await button(banner, 'Leave demo').click();
  await expect(announcement(page)).toContainText('Left the demo');
  await expect(banner).toHaveCount(0);
  // Back to the agent's own, still unconfigured, profile: Settings and the demo offer again.
  await expect(viewButton(page, 'Settings')).toHaveAttribute('aria-current', 'page');
  await expect(button(page, 'Try the demo')).toBeVisible();
  expect(await handoff.call('app:state')).toEqual({ ok: true, value: { mode: 'live', configured: false } });
  // The live profile's simulator never heard of any of it.
  expect(handoff.sim.requests()).toHaveLength(0);
});

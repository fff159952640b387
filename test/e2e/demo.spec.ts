/**
 * The demo: on a first run with nothing configured, the agent can try Handoff at once against its
 * built-in simulator, under a banner that cannot be missed, and leave it again.
 */
import { CUSTOMER_SHOWN, expect, test } from './support/handoff';
import {
  announcement,
  button,
  completeTransfer,
  demoBanner,
  expectStates,
  openCall,
  recordBridge,
  showView,
  startWarmTransfer,
  viewButton,
} from './support/ui';

test('a first run offers the demo: banner, open a call, warm transfer, complete, leave', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await expect(viewButton(page, 'Settings')).toHaveAttribute('aria-current', 'page');
  const banner = demoBanner(page);
  await expect(banner).toHaveCount(0);

  await button(page, 'Try the demo').click();
  await expect(announcement(page)).toContainText('Demo started');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/^Demo mode/);
  await expect(viewButton(page, 'Call')).toHaveAttribute('aria-current', 'page');
  expect(await handoff.call('app:state')).toEqual({ ok: true, value: { mode: 'demo', configured: true, settingsProblems: [], demoAllowed: true } });

  // Any number works in the demo: its simulator starts the call the agent opens.
  await openCall(page, CUSTOMER_SHOWN, 'Dana');
  await expectStates(page, { You: 'Connected', Dana: 'Connected' });
  await startWarmTransfer(page, 'Dana');
  await expect(announcement(page)).toContainText('Warm transfer started: calling (415) 222-5555 while Dana holds.');
  // The banner stays on every view.
  await expect(banner).toBeVisible();
  await completeTransfer(page, 'Dana');

  await button(page, 'Close in Handoff').click();
  await button(banner, 'Leave demo').click();
  await expect(announcement(page)).toContainText('Left the demo');
  await expect(banner).toHaveCount(0);
  // Back to the agent's own, still unconfigured, profile: Settings and the demo offer again.
  await expect(viewButton(page, 'Settings')).toHaveAttribute('aria-current', 'page');
  await expect(button(page, 'Try the demo')).toBeVisible();
  expect(await handoff.call('app:state')).toEqual({ ok: true, value: { mode: 'live', configured: false, settingsProblems: [], demoAllowed: true } });
  // The live profile's simulator never heard of any of it.
  expect(handoff.sim.requests()).toHaveLength(0);
});

test('the demo\'s settings are shown read-only, with no Save, and Test connection still works', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await button(page, 'Try the demo').click();
  await expect(announcement(page)).toContainText('Demo started');
  await showView(page, 'Settings');
  await expect(page.getByText('These are the demo\'s settings. Leave the demo to set up your own.')).toBeVisible();

  for (const label of ['PHLO ID', 'Node ID', 'Your number', 'Default country', 'Default role']) {
    const field = page.getByLabel(label, { exact: true });
    // Read-only, not disabled: the agent can still reach and read each one.
    await expect(field, label).not.toBeEditable();
    await expect(field, label).toBeEnabled();
    await expect(field, label).toHaveAttribute('readonly', '');
    await field.focus();
    await expect(field, label).toBeFocused();
  }
  await expect(page.getByLabel('PHLO ID', { exact: true })).not.toHaveValue('');
  await expect(page.getByLabel('Default role', { exact: true })).toHaveValue('Agent');
  await expect(button(page, 'Save')).toHaveCount(0);

  // Enter in a field sends nothing either: the core would refuse it, and nothing should ask.
  const bridge = recordBridge(page);
  await page.getByLabel('Node ID', { exact: true }).press('Enter');
  await button(page, 'Test connection').click();
  await expect(announcement(page)).toContainText('Connection works');
  expect(bridge.map((m) => m.channel)).toEqual(['connection:test']);

  // The agent's own settings are editable again once the demo is left.
  await button(page, 'Leave demo').click();
  await expect(announcement(page)).toContainText('Left the demo');
  await expect(page.getByLabel('PHLO ID', { exact: true })).toBeEditable();
  await expect(button(page, 'Save')).toBeVisible();
});

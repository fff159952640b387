/**
 * Screenshots of every view, light and dark, for a reviewer: test-results/screenshots/ (ignored by
 * git). The README's picture of a warm transfer is copied from call-warm-transfer-light.png.
 */
import { AGENT_TYPED, COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, needsKeyring, test } from './support/handoff';
import { screenshotBothSchemes, type Screenshot } from './support/files';
import {
  announcement,
  button,
  demoBanner,
  fillCredentials,
  fillSettings,
  fillTransfer,
  onACall,
  openCall,
  outcomeQuestion,
  saveSettings,
  settingsProblemBanner,
  showView,
} from './support/ui';

// The window is about 420×680; a little taller here so each picture holds its whole view.
test.use({ viewport: { width: 420, height: 900 } });

test('screenshots of each view in light and dark', async ({ page, handoff }) => {
  needsKeyring();
  const { sim } = handoff;
  const saved: Screenshot[] = [];
  await page.goto(handoff.preview.url);
  await expect(button(page, 'Try the demo')).toBeVisible();
  saved.push(...(await screenshotBothSchemes(page, 'first-run', { fullPage: true })));

  await button(page, 'Try the demo').click();
  await openCall(page, CUSTOMER_SHOWN, 'Dana');
  await expect(demoBanner(page)).toBeVisible();
  saved.push(...(await screenshotBothSchemes(page, 'demo-banner')));
  await button(page, 'Close in Handoff').click();
  await button(page, 'Leave demo').click();
  await expect(button(page, 'Try the demo')).toBeVisible();

  await fillSettings(page, { phloId: sim.phloId, nodeId: sim.nodeId, agentNumber: AGENT_TYPED });
  await fillCredentials(page, sim.authId, handoff.authToken);
  await saveSettings(page, /Settings and credentials saved/);
  await button(page, 'Dismiss').click();
  await expect(announcement(page)).toBeEmpty();
  saved.push(...(await screenshotBothSchemes(page, 'settings', { fullPage: true })));

  await showView(page, 'Call');
  await expect(page.getByLabel('Customer number', { exact: true })).toBeVisible();
  saved.push(...(await screenshotBothSchemes(page, 'call-open')));
  handoff.startLiveCall();
  await openCall(page, CUSTOMER_SHOWN, 'Dana Whitfield');
  saved.push(...(await screenshotBothSchemes(page, 'call-idle')));

  await fillTransfer(page, COLLEAGUE_SHOWN);
  await page.getByLabel('Name (optional)', { exact: true }).fill('Sam (billing)');
  await button(page, 'Warm transfer').click();
  await expect(announcement(page)).toContainText('Warm transfer started');
  const warmTransfer = await screenshotBothSchemes(page, 'call-warm-transfer');
  saved.push(...warmTransfer);

  sim.injectFault({ kind: 'status', status: 401 });
  await button(page, 'Cancel transfer').click();
  await expect(announcement(page)).toContainText('Plivo did not accept');
  await announcement(page).getByText('Details', { exact: true }).click();
  await expect(announcement(page).getByText('api_id')).toBeVisible();
  saved.push(...(await screenshotBothSchemes(page, 'error-details')));

  for (const { path, png } of saved) expect(png.length, path).toBeGreaterThan(1000);
  // Dark is really dark: the OS scheme changes what is drawn.
  const [dark, light] = warmTransfer;
  expect(light.png.equals(dark.png)).toBe(false);
});

test.describe('with a preset Handoff set aside', () => {
  test.use({ dataFiles: { 'settings.json': '{ "phloId": "not-a-phlo-id" }\n' } });

  test('screenshots of the settings banner', async ({ page, handoff }) => {
    await page.goto(handoff.preview.url);
    await expect(settingsProblemBanner(page)).toBeVisible();
    const saved = await screenshotBothSchemes(page, 'settings-problem');
    for (const { path, png } of saved) expect(png.length, path).toBeGreaterThan(1000);
  });
});

test('screenshots of "Did it go through?"', async ({ page, handoff }) => {
  await onACall(page, handoff, { requestTimeoutMs: 3000, name: 'Dana Whitfield' });
  await fillTransfer(page, COLLEAGUE_SHOWN);
  handoff.sim.injectFault({ kind: 'delay', ms: 6000 });
  await button(page, 'Warm transfer').click();
  await expect(outcomeQuestion(page)).toContainText('Plivo did not answer');
  const saved = await screenshotBothSchemes(page, 'did-it-go-through');
  for (const { path, png } of saved) expect(png.length, path).toBeGreaterThan(1000);
});

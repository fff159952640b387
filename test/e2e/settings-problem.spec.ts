/**
 * A settings.json IT preset that Handoff cannot use is set aside, and the agent is told in every
 * view until they dismiss it: not once, on one view, where it was easy to miss.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/handoff';
import { announcement, button, settingsProblemBanner, showView } from './support/ui';

test.use({ dataFiles: { 'settings.json': `${JSON.stringify({ phloId: 'not-a-phlo-id', defaultCountry: 'GB' })}\n` } });

test('a preset with a bad PHLO ID is reported on every view until dismissed, and stays dismissed', async ({ page, handoff }) => {
  const file = join(handoff.dataDir, 'settings.json');
  await page.goto(handoff.preview.url);

  // The first run still greets the agent, with the problem above it.
  await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();
  await expect(settingsProblemBanner(page)).toBeVisible();
  await expect(settingsProblemBanner(page)).toContainText(`Handoff moved ${file} to ${file}.bad and is using the default settings`);
  await expect(settingsProblemBanner(page)).toContainText('"phloId" is invalid');
  // The preset was set aside whole: none of it is in use.
  expect(existsSync(`${file}.bad`)).toBe(true);
  await expect(page.getByLabel('Default country', { exact: true })).toHaveValue('US');

  await showView(page, 'Call');
  await expect(settingsProblemBanner(page)).toBeVisible();
  await page.reload();
  await expect(settingsProblemBanner(page)).toBeVisible();

  await button(settingsProblemBanner(page), 'Dismiss').click();
  await expect(settingsProblemBanner(page)).toHaveCount(0);
  await expect(announcement(page)).toBeEmpty();
  // Focus is not dropped on the page when the banner goes.
  await expect(page.locator(':focus')).toHaveCount(1);
  expect(await handoff.call('app:state')).toMatchObject({ ok: true, value: { settingsProblems: [] } });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();
  await expect(settingsProblemBanner(page)).toHaveCount(0);
});

test('the problem shows in the demo too, whose settings are not the agent\'s', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await button(page, 'Try the demo').click();
  await expect(announcement(page)).toContainText('Demo started');
  await expect(settingsProblemBanner(page)).toBeVisible();
  await expect(settingsProblemBanner(page)).toContainText('"phloId" is invalid');
});

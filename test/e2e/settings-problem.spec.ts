/**
 * A settings.json IT preset that Handoff cannot use is set aside, and the agent is told in every
 * view until they dismiss it: not once, on one view, where it was easy to miss.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/handoff';
import { announcement, button, showView } from './support/ui';

test.use({ dataFiles: { 'settings.json': `${JSON.stringify({ phloId: 'not-a-phlo-id', defaultCountry: 'GB' })}\n` } });

/** The banner, found by its heading. */
function banner(page: Page) {
  return page.getByRole('region', { name: 'Your settings need attention' });
}

test('a preset with a bad PHLO ID is reported on every view until dismissed, and stays dismissed', async ({ page, handoff }) => {
  const file = join(handoff.dataDir, 'settings.json');
  await page.goto(handoff.preview.url);

  // The first run still greets the agent, with the problem above it.
  await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText(`Handoff moved ${file} to ${file}.bad and is using the default settings`);
  await expect(banner(page)).toContainText('"phloId" is invalid');
  // The preset was set aside whole: none of it is in use.
  expect(existsSync(`${file}.bad`)).toBe(true);
  await expect(page.getByLabel('Default country', { exact: true })).toHaveValue('US');

  await showView(page, 'Call');
  await expect(banner(page)).toBeVisible();
  await page.reload();
  await expect(banner(page)).toBeVisible();

  await button(banner(page), 'Dismiss').click();
  await expect(banner(page)).toHaveCount(0);
  await expect(announcement(page)).toBeEmpty();
  // Focus is not dropped on the page when the banner goes.
  await expect(page.locator(':focus')).toHaveCount(1);
  expect(await handoff.call('app:state')).toMatchObject({ ok: true, value: { settingsProblem: null } });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
});

test('the problem shows in the demo too, whose settings are not the agent\'s', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await button(page, 'Try the demo').click();
  await expect(announcement(page)).toContainText('Demo started');
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText('"phloId" is invalid');
});

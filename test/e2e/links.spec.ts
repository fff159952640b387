/**
 * `handoff:` screen-pop links in the window. The preview takes one as its first argument, as the
 * app's command line does: with nothing configured it runs the demo, so a call link opens its call
 * there. A malformed link says why and opens nothing; a link over an open call asks first, and a
 * transfer link only fills in the field.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { startPreviewCli } from './support/preview-cli';
import { announcement, button, demoBanner, expectStates, onACall, participant } from './support/ui';

/** Runs the built preview with `link` as its argument, on a fresh data folder and an empty policy. */
async function previewWithLink(link: string, run: (url: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'handoff-link-'));
  const policyDir = await mkdtemp(join(tmpdir(), 'handoff-link-policy-'));
  const preview = await startPreviewCli({ HANDOFF_DATA_DIR: dataDir, HANDOFF_POLICY_DIR: policyDir, HANDOFF_PHLO_BASE_URL: undefined }, [link]);
  try {
    await run(preview.url);
  } finally {
    await preview.kill();
    await rm(dataDir, { recursive: true, force: true });
    await rm(policyDir, { recursive: true, force: true });
  }
}

test('npm run preview -- "handoff://call?…": the page opens on the call with Ada Lovelace (in the demo)', async ({ page }) => {
  await previewWithLink('handoff://call?to=%2B14155550100&name=Ada%20Lovelace', async (url) => {
    await page.goto(url);
    await expect(demoBanner(page)).toBeVisible();
    await expectStates(page, { You: 'Connected', 'Ada Lovelace': 'Connected' });
    await expect(participant(page, 'Ada Lovelace')).toContainText('(415) 555-0100');
    await expect(announcement(page)).toContainText('Call with Ada Lovelace ((415) 555-0100) opened from a link.');
  });
});

test('npm run preview with a malformed link: the window says why, and no call is open', async ({ page }) => {
  await previewWithLink('handoff://call?to=%2B1415555%ZZ&name=Ada', async (url) => {
    await page.goto(url);
    await expect(announcement(page)).toContainText('Handoff ignored a link: the to is not correctly percent-encoded.');
    await expect(page.getByRole('heading', { name: 'Open a call' })).toBeVisible();
  });
});

test('a call link over an open call asks, naming both customers; a transfer link only fills in the field', async ({ page, handoff }) => {
  await onACall(page, handoff, { name: 'Grace Hopper' });

  void handoff.core.deliverLink('handoff://transfer?to=%2B14152225555&name=Alan');
  await expect(page.getByLabel('Transfer to', { exact: true })).toHaveValue(COLLEAGUE_SHOWN);
  await expect(page.getByLabel('Name (optional)', { exact: true })).toHaveValue('Alan');
  await expect(announcement(page)).toContainText('nothing is dialled yet');
  expect(handoff.actionNames()).toEqual([]);

  void handoff.core.deliverLink('handoff://call?to=%2B14155550100&name=Ada%20Lovelace');
  const question = page.getByRole('region', { name: 'Open the new call?' });
  await expect(question).toContainText(/Grace Hopper.*Ada Lovelace/);
  await expect(question.getByRole('heading')).toBeFocused();
  // Nothing changed while the question is up.
  await expectStates(page, { You: 'Connected', 'Grace Hopper': 'Connected' });
  await button(question, 'Open the new call').click();
  await expectStates(page, { You: 'Connected', 'Ada Lovelace': 'Connected' });
  await expect(page.getByText('Grace Hopper')).toHaveCount(0);
  expect(handoff.actionNames()).toEqual([]);
});

test('a link during a warm transfer is refused with a message naming it, and changes nothing', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await page.getByLabel('Transfer to', { exact: true }).fill(COLLEAGUE_SHOWN);
  await button(page, 'Warm transfer').click();
  await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold' });

  void handoff.core.deliverLink('handoff://call?to=%2B14155550100&name=Ada%20Lovelace');
  await expect(announcement(page)).toContainText('did not open the call with Ada Lovelace ((415) 555-0100): a warm transfer is under way.');
  await expect(page.getByRole('region', { name: /Open the/ })).toHaveCount(0);
  await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold' });
});

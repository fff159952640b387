/**
 * The language select in Settings: each language named in itself, saved as it changes, and the
 * window speaking the new one at once (`<html lang dir>` follow it); a language preset in
 * settings.json, or enforced by policy, as the agent meets it. The catalogs other than English are
 * still empty, so what changes is the page's language and direction, not yet its words.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/handoff';
import { showView } from './support/ui';
import { wordsFor } from './support/words';

/**
 * The language select, found by its options: once a language's catalog is translated its label is
 * no longer "Language". Nothing is set up in these tests, so Settings is the view shown.
 */
function languageSelect(page: Page): Locator {
  return page.locator('select:has(option[value="system"])');
}

/** Waits until the page's `lang` and `dir` are these, as a screen reader and the layout take them. */
async function expectLanguage(page: Page, lang: string, dir: 'ltr' | 'rtl'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

test('picking German in Settings switches the page to German at once, and it stays after a reload', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await showView(page, 'Settings');
  await expectLanguage(page, 'en', 'ltr');
  // The Playwright browser prefers English, and the preview takes the system's languages from it.

  const select = page.getByLabel('Language', { exact: true });
  await expect(select).toHaveValue('system');
  // Each language is named in its own language, and marked as such for a screen reader.
  await expect(select.locator('option[value="system"]')).toHaveText('System language');
  await expect(select.locator('option[value="de"]')).toHaveText('Deutsch');
  await expect(select.locator('option[value="de"]')).toHaveAttribute('lang', 'de');
  await expect(select.locator('option[value="ja"]')).toHaveText('日本語');
  await expect(select.locator('option[value="ar"]')).toHaveAttribute('lang', 'ar');
  // The pseudo-languages are for testing: not offered unless in use.
  await expect(select.locator('option[value="en-XA"]')).toHaveCount(0);

  await select.selectOption('de');
  await expectLanguage(page, 'de', 'ltr');
  await expect.poll(() => handoff.core.settings().language).toBe('de');
  expect(JSON.parse(await readFile(join(handoff.dataDir, 'settings.json'), 'utf8'))).toMatchObject({ language: 'de' });
  // From here the page is German, so the select is no longer found by its English label.
  await expect(languageSelect(page)).toHaveValue('de');
  const german = await wordsFor('de');
  await expect(page.getByLabel(german.t('language.label'), { exact: true })).toHaveValue('de');
  await expect(page.getByRole('heading', { name: german.t('settings.heading'), level: 1 })).toBeVisible();

  await page.reload();
  await expectLanguage(page, 'de', 'ltr');
  await expect(languageSelect(page)).toHaveValue('de');

  // Back to the system's language: the browser's, English here.
  await languageSelect(page).selectOption('system');
  await expectLanguage(page, 'en', 'ltr');
});

test.describe('a settings.json preset with Arabic', () => {
  test.use({ dataFiles: { 'settings.json': `${JSON.stringify({ language: 'ar', agentAddress: '+14155550100' })}\n` } });

  test('gives a right-to-left page whose addresses still read left-to-right', async ({ page, handoff }) => {
    await page.goto(handoff.preview.url);
    await expectLanguage(page, 'ar', 'rtl');
    await expect(languageSelect(page)).toHaveValue('ar');
    await expect(page.locator('input[dir="ltr"]').first()).toBeVisible();
    // Where requests go: an address, isolated left-to-right inside the sentence.
    await expect(page.locator('bdi[dir="ltr"]').filter({ hasText: handoff.sim.baseUrl })).toBeVisible();
  });
});

test.describe('a pseudo-language in use', () => {
  test.use({ dataFiles: { 'settings.json': `${JSON.stringify({ language: 'en-XA' })}\n` } });

  test('is offered in the select, so it can be seen and left', async ({ page, handoff }) => {
    await page.goto(handoff.preview.url);
    await expectLanguage(page, 'en-XA', 'ltr');
    const select = languageSelect(page);
    await expect(select).toHaveValue('en-XA');
    await select.selectOption('system');
    await expectLanguage(page, 'en', 'ltr');
    await expect(select.locator('option[value="en-XA"]')).toHaveCount(0);
  });
});

test.describe('a policy that enforces French', () => {
  test.use({ policyFiles: { 'policy.json': JSON.stringify({ enforced: { language: 'fr' } }) } });

  test('shows the language read-only, with who set it, and the page is French', async ({ page, handoff }) => {
    await page.goto(handoff.preview.url);
    await expectLanguage(page, 'fr', 'ltr');
    // Not a select to change it with, but the language's name in itself, read-only, and who set it (in French once translated).
    await expect(languageSelect(page)).toHaveCount(0);
    const field = page.locator('input[lang="fr"]');
    await expect(field).toHaveValue('Français');
    await expect(field).toHaveAttribute('readonly', '');
    // The window speaks French: its views, its headings, and who set the language.
    const french = await wordsFor('fr');
    await expect(field).toHaveAccessibleDescription(new RegExp(french.t('settings.enforced')));
    await expect(page.getByRole('heading', { name: french.t('settings.heading'), level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation', { name: french.t('header.views') }).getByRole('button', { name: french.t('header.view.call'), exact: true })).toBeVisible();
    expect(french.t('settings.heading')).not.toBe('Settings');
    expect(handoff.core.settings().language).toBe('fr');
  });
});

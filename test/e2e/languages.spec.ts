/**
 * Handoff in the agent's language (issue 13): a whole warm transfer in every shipped language,
 * every control found by the name it has in that language; in Arabic the page runs right to left
 * while the participants' numbers read left to right. Words come from the built catalogs, as the
 * window's do, so no English stays behind unnoticed in the languages whose script shows it.
 */
import type { Page } from '@playwright/test';
import type { LanguageTag } from '../../main/i18n/languages';
import { COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, needsKeyring, test } from './support/handoff';
import { screenshotBothSchemes } from './support/files';
import { wordsFor } from './support/words';

/** The languages whose script tells English left behind at a glance. */
const NON_LATIN: ReadonlySet<LanguageTag> = new Set(['ja', 'ar', 'ko', 'zh-CN', 'zh-TW', 'hi']);

/** Latin words a Japanese or Arabic page may show: names of products and standards, not sentences. */
const LATIN_ALLOWED = new Set(['Handoff', 'Plivo', 'PHLO', 'SIP', 'ID', 'Auth', 'Token', 'Alt', 'CSV', 'Esc']);

/**
 * Whether `text` is drawn left to right wherever it appears under `selector`: its first character
 * sits left of its last. Measured on the glyphs, so it holds for a number inside an Arabic sentence,
 * where only bidi isolation keeps "(415) 222-5555" from showing as "5555-222 (415)".
 */
const drawnLeftToRight = (selector: string, text: string) => `(() => {
  const results = [];
  for (const root of document.querySelectorAll(${JSON.stringify(selector)})) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent.indexOf(${JSON.stringify(text)});
      if (at < 0) continue;
      const first = document.createRange();
      first.setStart(node, at);
      first.setEnd(node, at + 1);
      const last = document.createRange();
      last.setStart(node, at + ${String(text.length)} - 1);
      last.setEnd(node, at + ${String(text.length)});
      results.push(first.getBoundingClientRect().left < last.getBoundingClientRect().left);
    }
  }
  return results;
})()`;

/** The row of the participant shown with `who` (their number or name). */
const row = (page: Page, who: string) => page.locator('ul[role="list"] > li').filter({ hasText: who });

for (const tag of ['de', 'ja', 'ar', 'es', 'fr', 'it', 'ko', 'pt-BR', 'zh-CN', 'zh-TW', 'hi'] as const satisfies readonly LanguageTag[]) {
  test(`a warm transfer from start to end in ${tag}`, async ({ page, handoff }) => {
    needsKeyring();
    const words = await wordsFor(tag);
    await handoff.configure();
    expect((await handoff.call('settings:update', { language: tag })).ok).toBe(true);
    handoff.startLiveCall();
    await page.goto(handoff.preview.url);
    await expect(page.locator('html')).toHaveAttribute('lang', tag);
    await expect(page.locator('html')).toHaveAttribute('dir', tag === 'ar' ? 'rtl' : 'ltr');

    await page.getByLabel(words.t('call.open.customer'), { exact: true }).fill(CUSTOMER_SHOWN);
    await page.getByRole('button', { name: words.t('call.open.submit'), exact: true }).click();
    await expect(row(page, CUSTOMER_SHOWN)).toContainText(words.t('state.connected'));

    await page.getByLabel(words.t('transfer.to'), { exact: true }).fill(COLLEAGUE_SHOWN);
    await page.getByRole('button', { name: words.t('transfer.warm'), exact: true }).click();
    await expect(row(page, CUSTOMER_SHOWN)).toContainText(words.t('state.onHold'));
    await expect(row(page, COLLEAGUE_SHOWN)).toContainText(words.t('state.called'));
    await expect(page.getByRole('heading', { name: words.t('transfer.underWay') })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(COLLEAGUE_SHOWN);

    if (tag === 'ar') {
      await expect(page.locator('main')).toHaveCSS('direction', 'rtl');
      const numbers = page.locator('ul[role="list"] .address');
      await expect(numbers).toHaveCount(2);
      for (const number of await numbers.all()) await expect(number).toHaveCSS('direction', 'ltr');
      // Drawn left to right: in the rows, in the transfer box and in the announcement's Arabic sentence.
      for (const where of ['ul[role="list"]', 'main section', '[role="status"]']) {
        const drawn = await page.evaluate<boolean[]>(drawnLeftToRight(where, COLLEAGUE_SHOWN));
        expect(drawn.length, `${where} shows ${COLLEAGUE_SHOWN}`).toBeGreaterThan(0);
        expect(drawn, `${where}: ${COLLEAGUE_SHOWN} drawn left to right`).not.toContain(false);
      }
    }
    // For a reviewer: the transfer under way in each language, at the narrowest size and a wider one, both schemes.
    for (const [width, height] of [[320, 640], [420, 760]] as const) {
      await page.setViewportSize({ width, height });
      await screenshotBothSchemes(page, `language-${tag}-transfer-${width}x${height}`);
    }
    if (NON_LATIN.has(tag)) {
      // A Latin word on a page in a non-Latin script is English left behind, unless it is a name.
      const shown = await page.locator('body').innerText();
      const latin = (shown.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !LATIN_ALLOWED.has(word));
      expect(latin).toEqual([]);
    }

    await page.getByRole('button', { name: words.t('transfer.complete'), exact: true }).click();
    await expect(row(page, COLLEAGUE_SHOWN)).toContainText(words.t('state.connected'));
    await expect(row(page, CUSTOMER_SHOWN)).toContainText(words.t('state.connected'));
    // Completing a warm transfer is the agent leaving: PHLO's hangup of the agent's own leg.
    expect(handoff.actionNames()).toEqual(['warm_transfer', 'hangup']);
  });
}

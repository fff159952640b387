/**
 * The call view in a side panel (issue 12, part 5): in every state of the call, each action valid
 * now is inside the window and not covered by anything (the outcome bar above all), at 320x640 and
 * 420x760, without scrolling. Screenshots of each state, light and dark, at those sizes and at
 * 1280x800 go to test-results/screenshots/ for a reviewer.
 */
import type { Page } from '@playwright/test';
import { dayOf } from '../../main/journal/journal-files';
import { AGENT, AGENT_TYPED, COLLEAGUE, COLLEAGUE_SHOWN, CUSTOMER as CUSTOMER_ADDRESS, CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { screenshotBothSchemes } from './support/files';
import { announcement, button, fillTransfer, onACall, outcomeQuestion, startWarmTransfer } from './support/ui';

const CUSTOMER = 'Maria Lopez';

/**
 * Every enabled control that is outside the window or covered, checked by what the window draws at
 * its centre and near each corner (4 px in, inside the rounding). Run in the page, where the DOM is;
 * a string, since the tests' TypeScript has no DOM types.
 */
const findHiddenControls = (selector: string) => `(() => {
  const problems = [];
  for (const control of document.querySelectorAll(${JSON.stringify(selector)})) {
    if (control.getAttribute('aria-disabled') === 'true' || control.disabled) continue;
    if (control.closest('.visually-hidden') !== null) continue;
    const box = control.getBoundingClientRect();
    const label = control.tagName.toLowerCase() + ' "' + (control.getAttribute('aria-label') ?? control.textContent.trim()) + '"';
    if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
      problems.push(label + ' is outside the window');
      continue;
    }
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + 4, box.top + 4],
      [box.right - 4, box.top + 4],
      [box.left + 4, box.bottom - 4],
      [box.right - 4, box.bottom - 4],
    ];
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (hit === null || !(hit === control || control.contains(hit))) {
        problems.push(label + ' is covered at ' + Math.round(x) + ',' + Math.round(y) + ' by ' + (hit === null ? 'nothing' : hit.tagName.toLowerCase() + '.' + hit.className));
        break;
      }
    }
  }
  return problems;
})()`;

/** The problems `findHiddenControls` finds on the page as it is now, among the view's controls by default. */
function uncoveredProblems(page: Page, selector = 'main button, main input, main select, .announcer button'): Promise<string[]> {
  return page.evaluate<string[]>(findHiddenControls(selector));
}

/**
 * What Handoff's journal holds after a kill during a warm transfer: the call with the transfer under
 * way once Plivo accepted it, or, when its answer never came (`lost`), the call as it was before and
 * the intent with no outcome.
 */
function journalOfAWarmTransfer(lost: boolean): Record<string, string> {
  const at = new Date().toISOString();
  const person = (id: string, kind: string, address: string, shown: string, label: string | null, state: string) => ({
    id, kind, address, displayAddress: shown, role: kind === 'customer' ? 'customer' : 'agent', label, state: lost ? 'connected' : state, since: at,
  });
  const people = [person('me', 'self', AGENT, AGENT_TYPED, 'You', 'consulting'), person('c', 'customer', CUSTOMER_ADDRESS, CUSTOMER_SHOWN, CUSTOMER, 'on_hold')];
  const target = { id: 'sam', address: COLLEAGUE, displayAddress: COLLEAGUE_SHOWN, role: 'agent', label: null };
  const session = {
    id: 'restored-call',
    openedAt: at,
    participants: lost ? people : [...people, { ...target, kind: 'colleague', state: 'consulting', since: at }],
    transfer: lost ? null : { targetId: target.id },
  };
  const lines = [
    { type: 'session', at, session },
    ...(lost ? [{ type: 'intent', at, sessionId: session.id, actionId: 'a1', command: { action: 'warm_transfer', target }, target: COLLEAGUE }] : []),
  ];
  return { [`journal/${dayOf(new Date())}.jsonl`]: lines.map((line) => `${JSON.stringify(line)}\n`).join('') };
}

/**
 * The restored notice stays compact: its words wrap rather than being cut off (a longer language
 * must read in full), on at most two lines.
 */
async function expectCompact(page: Page): Promise<void> {
  const words = page.getByRole('region', { name: 'Call restored' }).locator('p strong');
  // The line boxes of the words (the tests' TypeScript has no DOM types, so the element is typed by what is read).
  const lines = await words.evaluate((element: { getClientRects(): { length: number } }) => element.getClientRects().length);
  expect(lines).toBeGreaterThan(0);
  expect(lines).toBeLessThanOrEqual(2);
}

for (const size of [
  { width: 320, height: 640 },
  { width: 420, height: 760 },
]) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('every enabled action of each call state is in view and uncovered', async ({ page, handoff }) => {
      const name = (state: string) => `layout-${state}-${size.width}`;
      await onACall(page, handoff, { name: CUSTOMER, requestTimeoutMs: 3000 });

      // Open, with the "Call opened" message still shown.
      await expect(announcement(page)).toContainText('Call opened');
      await screenshotBothSchemes(page, name('open'));
      expect(await uncoveredProblems(page), 'open, message shown').toEqual([]);

      await startWarmTransfer(page, CUSTOMER);
      await expect(announcement(page)).toContainText('Warm transfer started');
      await screenshotBothSchemes(page, name('transfer'));
      expect(await uncoveredProblems(page), 'transfer under way, message shown').toEqual([]);

      // A failure stays until the agent acts: its bar must not cover Complete, Cancel or Merge.
      handoff.sim.injectFault({ kind: 'status', status: 401 });
      await button(page, 'Merge calls').click();
      await expect(announcement(page)).toContainText('Plivo did not accept');
      await screenshotBothSchemes(page, name('failure'));
      expect(await uncoveredProblems(page), 'transfer under way, failure shown').toEqual([]);

      // Did it go through?
      handoff.sim.injectFault({ kind: 'delay', ms: 6000 });
      await button(page, 'Cancel transfer').click();
      await expect(outcomeQuestion(page)).toBeVisible();
      await screenshotBothSchemes(page, name('did-it-go-through'));
      expect(await uncoveredProblems(page), 'did it go through').toEqual([]);
    });

    test.describe('restored after a kill during a warm transfer', () => {
      test.use({ dataFiles: journalOfAWarmTransfer(false) });

      test('the compact restored notice, the header and every enabled action are in view', async ({ page, handoff }) => {
        await handoff.configure();
        await page.goto(handoff.preview.url);
        const banner = page.getByRole('region', { name: 'Call restored' });
        await expect(button(page, 'Complete transfer')).toBeVisible();
        await screenshotBothSchemes(page, `layout-restored-${size.width}`);
        expect(await uncoveredProblems(page), 'restored, transfer under way').toEqual([]);
        expect(await uncoveredProblems(page, 'header button, .restored-banner button'), 'header and notice').toEqual([]);
        await expectCompact(page);
        await button(banner, 'Dismiss').click();
        await expect(banner).toHaveCount(0);
      });
    });

    test.describe('restored after a kill while a warm transfer was in flight', () => {
      test.use({ dataFiles: journalOfAWarmTransfer(true) });

      test('the restored notice and "Did it go through?" with its answers are in view', async ({ page, handoff }) => {
        await handoff.configure();
        await page.goto(handoff.preview.url);
        await expect(outcomeQuestion(page)).toBeVisible();
        await screenshotBothSchemes(page, `layout-restored-question-${size.width}`);
        expect(await uncoveredProblems(page, 'header button, .restored-banner button, .question button'), 'notice and question').toEqual([]);
        await expectCompact(page);
      });
    });
  });
}

test.describe('at 1280x800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the call states on a wide screen keep their controls a readable width', async ({ page, handoff }) => {
    await onACall(page, handoff, { name: CUSTOMER });
    await screenshotBothSchemes(page, 'layout-open-1280');
    const field = await page.getByLabel('Transfer to', { exact: true }).boundingBox();
    expect(field?.width ?? 0).toBeLessThanOrEqual(640);
    await fillTransfer(page, COLLEAGUE_SHOWN);
    await button(page, 'Warm transfer').click();
    await expect(announcement(page)).toContainText('Warm transfer started');
    expect(await uncoveredProblems(page)).toEqual([]);
    await screenshotBothSchemes(page, 'layout-transfer-1280');
  });
});

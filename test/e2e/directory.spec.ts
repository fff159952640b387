/**
 * The Transfer to directory, end to end: a 100k-row directory.csv in the data folder and IT's in
 * the policy folder, found by typing, picked with the keyboard and dialled; favorites and recents
 * shown with the field empty and kept across a restart of the core.
 */
import { directoryCsv, fakeEntries, GRACE } from '../support/fake-directory';
import { COLLEAGUE, COLLEAGUE_SHOWN, expect, test, type Handoff } from './support/handoff';
import { announcement, button, onACall } from './support/ui';
import type { Page } from '@playwright/test';

const ENTRIES = 100_000;
const TURING = 'Alan Turing';

function transferTo(page: Page) {
  return page.getByRole('combobox', { name: 'Transfer to' });
}

/** Waits until the core has read the directory files: a large one takes seconds on a busy machine. */
async function directoryLoaded(handoff: Handoff, entries: number): Promise<void> {
  await expect
    .poll(async () => {
      const status = await handoff.call('directory:status');
      return status.ok ? (status.value as { entries: number; loading: boolean }) : null;
    }, { timeout: 90_000 })
    .toMatchObject({ entries, loading: false });
}

test.describe('a 100k directory', () => {
  test.use({
    dataFiles: { 'directory.csv': directoryCsv(fakeEntries(ENTRIES)) },
    policyFiles: { 'directory.csv': `name,address,kind,team\n${TURING},+44 20 7946 0123,agent,Research\n` },
  });

  test('typing part of a name lists the person at once; ArrowDown and Enter pick them, and Warm transfer dials them', async ({ page, handoff }) => {
    test.setTimeout(150_000);
    await onACall(page, handoff);
    await directoryLoaded(handoff, ENTRIES + 1);
    const field = transferTo(page);
    await expect(field).toHaveAttribute('aria-expanded', 'false');

    await field.pressSequentially('Grace Hop');
    // Generous for a loaded test machine; the benchmark measures the search itself.
    const grace = page.getByRole('option', { name: new RegExp(`^${GRACE.name}`) });
    await expect(grace).toBeVisible({ timeout: 1_000 });
    await expect(field).toHaveAttribute('aria-expanded', 'true');
    await expect(grace).toContainText(`${GRACE.team} · Agent · (415) 555-0123`);

    await field.press('ArrowDown');
    await expect(grace).toHaveAttribute('aria-selected', 'true');
    await expect(field).toHaveAttribute('aria-activedescendant', (await grace.getAttribute('id')) ?? '');
    await field.press('Enter');
    await expect(field).toHaveValue('(415) 555-0123');
    await expect(page.getByLabel('Name (optional)')).toHaveValue(GRACE.name);
    await expect(page.getByRole('listbox')).toBeHidden();

    await button(page, 'Warm transfer').click();
    await expect(announcement(page)).toContainText('Warm transfer started');
    expect(handoff.actions().at(-1)?.body).toMatchObject({ action: 'warm_transfer', to: GRACE.address });
  });

  test("IT's entries are marked as the organization's; Escape closes the list", async ({ page, handoff }) => {
    test.setTimeout(150_000);
    await onACall(page, handoff);
    await directoryLoaded(handoff, ENTRIES + 1);
    const field = transferTo(page);
    await field.pressSequentially('turing');
    await expect(page.getByRole('option', { name: new RegExp(`^${TURING}`) })).toContainText('Research · Agent · Organization');
    await field.press('Escape');
    await expect(page.getByRole('listbox')).toBeHidden();
    await expect(field).toHaveAttribute('aria-expanded', 'false');
  });
});

test.describe('favorites and recents', () => {
  test.use({ dataFiles: { 'directory.csv': directoryCsv([GRACE]) } });

  test('show with the field empty, grouped, and are kept across a restart', async ({ page, handoff }) => {
    await onACall(page, handoff);
    await directoryLoaded(handoff, 1);
    const field = transferTo(page);

    await field.fill(COLLEAGUE_SHOWN);
    await button(page, 'Add to call').click();
    await expect(announcement(page)).toContainText('Dialling');

    await field.pressSequentially('grace');
    await expect(page.getByRole('option', { name: /^Grace Hopper/ })).toBeVisible();
    await field.press('ArrowDown');
    await field.press('Enter');
    const star = button(page, 'Favorite');
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');

    await field.fill('');
    const groups = async () => {
      await field.click();
      const listbox = page.getByRole('listbox', { name: 'Transfer to suggestions' });
      await expect(listbox.getByRole('group', { name: 'Favorites' }).getByRole('option')).toHaveText([/^★ Grace Hopper/]);
      await expect(listbox.getByRole('group', { name: 'Recent' }).getByRole('option')).toHaveText([new RegExp(COLLEAGUE_SHOWN.replace(/[()+]/g, '\\$&'))]);
    };
    await groups();

    await handoff.restart();
    await page.goto(handoff.preview.url);
    // The journal brings the open call back after the restart, so the transfer field is there again.
    await expect(page.getByRole('region', { name: 'Call restored' })).toBeVisible();
    await groups();
    expect(await handoff.call('directory:search', { query: '' })).toMatchObject({
      ok: true,
      value: { groups: [{ label: 'Favorites', options: [{ address: GRACE.address }] }, { label: 'Recent', options: [{ address: COLLEAGUE }] }] },
    });
  });
});

test.describe('a directory with bad rows', () => {
  test.use({ dataFiles: { 'directory.csv': 'name,address\nAda Lovelace,+14155550124\nBob,12\n,+14155550125\nAda again,+14155550124\n' } });

  test('Settings says how many rows were skipped, by line and why', async ({ page, handoff }) => {
    await directoryLoaded(handoff, 1);
    await page.goto(handoff.preview.url);
    const directory = page.getByRole('region', { name: 'Directory' });
    await expect(directory).toContainText('1 entry.');
    await expect(directory).toContainText('3 rows skipped: line 3: 12 is too short to be a phone number');
    await expect(directory).toContainText('line 4: the name is empty; line 5: the same address as line 2, which is kept');
  });
});

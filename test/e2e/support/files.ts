/** Reading what the app left on disk, and saving what a reviewer should look at. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from './build';

/** One file under the data folder, with its content as text. */
export interface DataFile {
  path: string;
  text: string;
}

/** Every file under `dir`, recursively (settings, the log, the demo's folder ...). */
export async function readDataFiles(dir: string): Promise<DataFile[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, text: (await readFile(path)).toString('latin1') })));
}

/** Where the screenshots go: under test-results/, which git ignores. */
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** One saved screenshot: where it went, and the PNG as captured, so a test need not read it back. */
export interface Screenshot {
  path: string;
  png: Buffer;
}

/**
 * Saves the window as `<name>-dark.png` and `<name>-light.png`, and leaves it in the light scheme.
 * The window as it is, not `fullPage`: a full-page capture resizes the viewport, which draws the
 * sticky announcement over the content (an artifact no agent would ever see); `fullPage` only
 * where no announcement is shown.
 */
export async function screenshotBothSchemes(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<[dark: Screenshot, light: Screenshot]> {
  const shoot = async (colorScheme: 'dark' | 'light'): Promise<Screenshot> => {
    await page.emulateMedia({ colorScheme });
    const path = join(SCREENSHOTS, `${name}-${colorScheme}.png`);
    return { path, png: await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' }) };
  };
  // One after the other: the page has one scheme at a time.
  const dark = await shoot('dark');
  return [dark, await shoot('light')];
}

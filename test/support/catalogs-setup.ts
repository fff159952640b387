/** Compiles the catalogs as the build does, so a test run needs no `npm run build` before it. */
import { buildCatalogs } from '../../main/i18n/catalog-files';
import { CATALOG_DIR, SOURCE_DIR } from './catalogs';

/** Vitest's and Playwright's global setup. */
export default async function setup(): Promise<void> {
  await buildCatalogs(SOURCE_DIR, CATALOG_DIR);
}

/** Where tests find the compiled catalogs: the build's own folder, which `catalogs-setup.ts` fills before any test. */
import { resolve } from 'node:path';

/** `out/locales`, as `npm run build` writes it. */
export const CATALOG_DIR = resolve(import.meta.dirname, '..', '..', 'out', 'locales');

/** The source catalogs, `locales/`. */
export const SOURCE_DIR = resolve(import.meta.dirname, '..', '..', 'locales');

/**
 * Where the built app is. The suite drives what `npm run build` produced, never the sources, so a
 * missing build is a setup error with the fix in its message, not a pile of confusing failures.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The built renderer the preview serves. */
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');
/** The built `npm run preview` entry. */
export const PREVIEW_CLI = join(ROOT, 'out', 'main', 'preview.js');

/** Throws, saying to run `npm run build`, when a file the suite needs was not built. */
export function requireBuild(files: readonly string[] = [join(RENDERER_DIR, 'index.html'), join(RENDERER_DIR, 'preview-bridge.js')]): void {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end tests drive the built app, and ${missing.map((f) => f.slice(ROOT.length + 1)).join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing: run \`npm run build\` first.`,
    );
  }
}

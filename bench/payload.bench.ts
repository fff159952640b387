/**
 * The window's weight: all JS and CSS of the built renderer, gzipped (`npm run bench` builds first).
 * The budget test (test/renderer/payload.test.ts) holds it under 60 KB; this prints where it is, and
 * what the catalog the window loads over the bridge adds (English, and the largest language).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PSEUDO_LANGUAGES, SHIPPED_LANGUAGES } from '../main/i18n/languages';
import { ROOT, RENDERER_DIR, requireBuild } from '../test/e2e/support/build';
import type { Figure } from './figure';
import { kilobytes, rendererPayload } from '../test/support/renderer-payload';

/** The renderer payload in KB, raw and gzip, so a change that adds weight shows before it meets the budget. */
export async function figures(): Promise<Figure[]> {
  requireBuild();
  const payload = await rendererPayload(RENDERER_DIR);
  const catalog = async (tag: string) => gzipSync(await readFile(join(ROOT, 'out', 'locales', `${tag}.json`))).length;
  const english = await catalog('en');
  const sizes = await Promise.all([...SHIPPED_LANGUAGES, ...PSEUDO_LANGUAGES].map(async (tag) => ({ tag, gzip: await catalog(tag) })));
  const largest = sizes.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  return [
    { name: 'English catalog gzip', value: english / 1024, unit: 'KB', line: `English catalog gzip (loaded over the bridge, not in the JS): ${kilobytes(english)} KB; JS+CSS+English: ${kilobytes(payload.gzip + english)} KB` },
    { name: 'largest catalog gzip', value: largest.gzip / 1024, unit: 'KB', line: `largest catalog gzip: ${largest.tag} ${kilobytes(largest.gzip)} KB` },
    { name: 'renderer payload gzip', value: payload.gzip / 1024, unit: 'KB', line: `renderer payload gzip: ${kilobytes(payload.gzip)} KB` },
    { name: 'renderer payload raw', value: payload.raw / 1024, unit: 'KB', line: `renderer payload raw: ${kilobytes(payload.raw)} KB` },
  ];
}

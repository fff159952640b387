/**
 * The window's weight: all JS and CSS of the built renderer, gzipped (`npm run bench` builds first).
 * The budget test (test/renderer/payload.test.ts) holds it under 60 KB; this prints where it is.
 */
import { RENDERER_DIR, requireBuild } from '../test/e2e/support/build';
import type { Figure } from './figure';
import { kilobytes, rendererPayload } from '../test/support/renderer-payload';

/** The renderer payload in KB, raw and gzip, so a change that adds weight shows before it meets the budget. */
export async function figures(): Promise<Figure[]> {
  requireBuild();
  const payload = await rendererPayload(RENDERER_DIR);
  return [
    { name: 'renderer payload gzip', value: payload.gzip / 1024, unit: 'KB', line: `renderer payload gzip: ${kilobytes(payload.gzip)} KB` },
    { name: 'renderer payload raw', value: payload.raw / 1024, unit: 'KB', line: `renderer payload raw: ${kilobytes(payload.raw)} KB` },
  ];
}

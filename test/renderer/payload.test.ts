/**
 * The window's weight budget (issue 9): all JS and CSS it loads stays under 60 KB gzip, so an agent's
 * window opens quickly on a slow thin client. `npm test` builds before Vitest runs, so this reads
 * what ships; run alone without a build, it says so and skips.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RENDERER_DIR } from '../e2e/support/build';
import { kilobytes, rendererPayload } from '../support/renderer-payload';

const BUDGET_BYTES = 60 * 1024;
const built = existsSync(RENDERER_DIR);
if (!built) console.warn(`renderer payload test SKIPPED: ${RENDERER_DIR} is missing; run \`npm run build\` first.`);

describe.skipIf(!built)('the built renderer', () => {
  it('loads at most 60 KB of JS and CSS, gzipped', async () => {
    const payload = await rendererPayload(RENDERER_DIR);
    const perFile = payload.files.map((file) => `${file.path}: ${kilobytes(file.gzip)} KB`).join(', ');
    expect(payload.files.length, 'no JS or CSS found: is the build complete?').toBeGreaterThan(0);
    expect(payload.gzip, `${kilobytes(payload.gzip)} KB gzip (${perFile})`).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});

/**
 * `npm run preview`: Handoff in a browser on this machine, with the real core behind it. With no
 * PHLO base URL given and nothing configured, it starts in the demo against the built-in simulator.
 * A `handoff:` link as the first argument is delivered as the app's command line delivers it, after
 * the demo has started, so a call link opens its call in the demo (the page reads it on load).
 */
import { join } from 'node:path';
import { createCore } from '../core';
import { startPreviewServer } from './preview-server';

const DEFAULT_PORT = 5199;

// An empty PORT is unset, not port 0.
const portText = process.env['PORT']?.trim() ?? '';
const port = portText === '' ? DEFAULT_PORT : Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0 to 65535), not "${process.env['PORT'] ?? ''}".`);
  process.exit(2);
}
// The built files sit beside this script: out/main/preview.js and out/renderer/.
const rendererDir = join(import.meta.dirname, '..', 'renderer');
const core = await createCore({
  dataDir: join(process.cwd(), '.handoff-data'),
  env: process.env,
  catalogDir: join(import.meta.dirname, '..', 'locales'),
});

if (process.env['HANDOFF_PHLO_BASE_URL'] === undefined && (await core.offersDemo())) {
  const demo = await core.handlers['demo:start'](undefined);
  if (!demo.ok) console.error(`The demo did not start: ${core.language.translator().say(demo.error.message)}`);
}

// Acted on before the page can load, so the page finds the call (or the refusal) when it reads the core.
const link = process.argv[2];
if (link !== undefined) await core.deliverLink(link);

let preview;
try {
  preview = await startPreviewServer({ core, rendererDir, port });
} catch (error) {
  const busy = (error as { code?: unknown }).code === 'EADDRINUSE';
  console.error(busy ? `Port ${port} is in use: set PORT to another one.` : `The preview did not start: ${String(error)}`);
  await core.close();
  process.exit(1);
}
const state = await core.handlers['app:state'](undefined);
console.log(`Handoff preview${state.ok && state.value.mode === 'demo' ? ' (demo mode: the built-in PHLO simulator, not Plivo)' : ''}:`);
console.log(`  ${preview.url}`);
console.log('Open it in a browser on this machine. Press Ctrl+C to stop.');

const stop = async () => {
  await preview.close();
  await core.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

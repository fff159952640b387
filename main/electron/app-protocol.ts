/**
 * The renderer is served from `app://handoff/`, not file://, so it has an origin of its own that
 * IPC senders are checked against, and every response carries the CSP
 * (https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
 */
import { STATUS_CODES } from 'node:http';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, readRendererFile } from '../renderer-files';
import { APP_HOST, APP_SCHEME } from './trusted-sender';

/** The page's address. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before `app` is ready: makes app:// a standard, secure scheme. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves the built renderer on app://handoff/ and nothing else. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readRendererFile(rendererDir, url.pathname) : null;
    // HTTP's own reason phrase: no page asks for a file the build lacks, so no agent reads it.
    if (file === null) return new Response(STATUS_CODES[404], { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

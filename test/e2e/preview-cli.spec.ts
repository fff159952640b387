/**
 * `npm run preview` as a new user meets it: the built command line with no PHLO base URL and an
 * empty data folder starts the demo, prints the URL, and the app works there from the first run
 * to a completed warm transfer. SIGTERM stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { PREVIEW_CLI, RENDERER_DIR, ROOT, requireBuild } from './support/build';
import { freePort } from '../support/free-port';
import { completeTransfer, demoBanner, openCall, startWarmTransfer } from './support/ui';

/** Resolves with the child's exit code (or signal), or null after `ms`. */
function exited(child: ChildProcess, ms: number): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { resolve(null); }, ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

test('npm run preview: prints its URL, runs the demo to a completed warm transfer, stops on SIGTERM', async ({ page }) => {
  requireBuild([PREVIEW_CLI, join(RENDERER_DIR, 'index.html'), join(RENDERER_DIR, 'preview-bridge.js')]);
  const dataDir = await mkdtemp(join(tmpdir(), 'handoff-preview-cli-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HANDOFF_DATA_DIR: dataDir };
  delete env['HANDOFF_PHLO_BASE_URL'];
  const child = spawn(process.execPath, [PREVIEW_CLI], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });

  try {
    const urlPattern = new RegExp(`http://127\\.0\\.0\\.1:${port}/\\?token=[0-9a-f]+`);
    await expect.poll(() => urlPattern.exec(stdout)?.[0] ?? `not yet; stdout: ${stdout} stderr: ${stderr}`, { timeout: 15_000 }).toMatch(urlPattern);
    const url = urlPattern.exec(stdout)?.[0] ?? '';
    expect(stdout).toContain('demo mode');

    // Without the token, nothing.
    expect((await page.request.get(`http://127.0.0.1:${port}/`)).status()).toBe(403);

    await page.goto(url);
    await expect(demoBanner(page)).toBeVisible();
    await openCall(page, CUSTOMER_SHOWN);
    await startWarmTransfer(page);
    await completeTransfer(page);
    await page.close();

    child.kill('SIGTERM');
    expect(await exited(child, 5_000), `the preview exits on SIGTERM; stderr: ${stderr}`).toBe(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});

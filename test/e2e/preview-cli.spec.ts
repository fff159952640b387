/**
 * `npm run preview` as a new user meets it: the built command line with no PHLO base URL and an
 * empty data folder starts the demo, prints the URL, and the app works there from the first run
 * to a completed warm transfer. SIGTERM stops it cleanly. HANDOFF_POLICY_DIR reaches it too: a
 * policy that turns the demo off keeps it from opening the demo by itself.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOMER_SHOWN, expect, test } from './support/handoff';
import { exited, startPreviewCli } from './support/preview-cli';
import { button, completeTransfer, demoBanner, openCall, startWarmTransfer } from './support/ui';

test('npm run preview: prints its URL, runs the demo to a completed warm transfer, stops on SIGTERM', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'handoff-preview-cli-'));
  // An empty policy folder: this machine's own policy must not decide whether the demo opens.
  const policyDir = await mkdtemp(join(tmpdir(), 'handoff-preview-cli-policy-'));
  const preview = await startPreviewCli({ HANDOFF_DATA_DIR: dataDir, HANDOFF_POLICY_DIR: policyDir, HANDOFF_PHLO_BASE_URL: undefined });
  const { child, port, url } = preview;

  try {
    expect(preview.stdout()).toContain('demo mode');

    // Without the token, nothing.
    expect((await page.request.get(`http://127.0.0.1:${port}/`)).status()).toBe(403);

    await page.goto(url);
    await expect(demoBanner(page)).toBeVisible();
    await openCall(page, CUSTOMER_SHOWN);
    await startWarmTransfer(page);
    await completeTransfer(page);
    await page.close();

    child.kill('SIGTERM');
    expect(await exited(child, 5_000), `the preview exits on SIGTERM; stderr: ${preview.stderr()}`).toBe(0);
  } finally {
    await preview.kill();
    await rm(dataDir, { recursive: true, force: true });
    await rm(policyDir, { recursive: true, force: true });
  }
});

test('npm run preview with HANDOFF_POLICY_DIR: a policy that turns the demo off keeps it from opening', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'handoff-preview-cli-'));
  const policyDir = await mkdtemp(join(tmpdir(), 'handoff-preview-cli-policy-'));
  await writeFile(join(policyDir, 'policy.json'), JSON.stringify({ enforced: { allowDemo: false } }));
  const preview = await startPreviewCli({ HANDOFF_DATA_DIR: dataDir, HANDOFF_POLICY_DIR: policyDir, HANDOFF_PHLO_BASE_URL: undefined });
  try {
    expect(preview.stdout()).not.toContain('demo mode');
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();
    await expect(demoBanner(page)).toHaveCount(0);
    await expect(button(page, 'Try the demo')).toHaveCount(0);
  } finally {
    await preview.kill();
    await rm(dataDir, { recursive: true, force: true });
    await rm(policyDir, { recursive: true, force: true });
  }
});

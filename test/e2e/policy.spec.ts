/**
 * Machine policy as an agent meets it: what IT enforces is shown read-only with who set it, what
 * IT defaults is filled in, and nothing sent over the bridge changes an enforced setting. The
 * preview reads the policy folder from HANDOFF_POLICY_DIR, as `npm run preview` does.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandoffApi } from '../../main/contract/bridge';
import { expect, test } from './support/handoff';
import { button, saveSettings } from './support/ui';
import { english } from '../support/english';

const PHLO_ID = '73d6ab01-a2f6-4a84-850f-21e1d46b30bf';
const NODE_ID = 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a';
const OTHER_PHLO_ID = '0f1e2d3c-4b5a-4e6a-9d7c-c1a8d3e25b4f';

/** The page's own bridge, as anything running in the window could call it (inside `page.evaluate` only). */
type WindowWithBridge = typeof globalThis & { handoff: HandoffApi };

test.describe('a policy that enforces the PHLO and node IDs and defaults the country to GB', () => {
  test.use({
    policyFiles: {
      'policy.json': `${JSON.stringify({ defaults: { defaultCountry: 'GB' }, enforced: { phloId: PHLO_ID, nodeId: NODE_ID } }, null, 2)}\n`,
    },
  });

  test('shows the enforced IDs read-only as set by the organization, and the bridge cannot change them', async ({ page, handoff }) => {
    await page.goto(handoff.preview.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();

    for (const [label, value] of [['PHLO ID', PHLO_ID], ['Node ID', NODE_ID]] as const) {
      const field = page.getByLabel(label, { exact: true });
      await expect(field).toHaveValue(value);
      await expect(field).toHaveAttribute('readonly', '');
      // The note is tied to the field, so a screen reader says it on focus.
      await expect(field).toHaveAccessibleDescription(/^Set by your organization/);
    }
    await expect(page.getByText('Set by your organization', { exact: true })).toHaveCount(2);

    const country = page.getByLabel('Default country', { exact: true });
    await expect(country).toHaveValue('GB');
    await expect(country).not.toHaveAttribute('readonly');
    await expect(country).toHaveAccessibleDescription(/Now: United Kingdom\./);

    // The form sends every field, the enforced ones unchanged: that saves, and a GB number reads as GB.
    await page.getByLabel('Your number', { exact: true }).fill('020 7946 0018');
    await saveSettings(page);
    const file = join(handoff.dataDir, 'settings.json');
    const before = await readFile(file);
    // Only the agent's own choice is stored: not the policy's values, so IT can change them later.
    expect(JSON.parse(before.toString('utf8'))).toEqual({ agentAddress: '+442079460018' });

    const refused = await page.evaluate((phloId) => (globalThis as WindowWithBridge).handoff.settings.update({ phloId }), OTHER_PHLO_ID);
    expect(refused).toMatchObject({ ok: false, error: { code: 'enforced_by_policy', detail: { field: 'phloId' } } });
    expect(await readFile(file)).toEqual(before);

    await page.reload();
    await expect(page.getByLabel('PHLO ID', { exact: true })).toHaveValue(PHLO_ID);
  });
});

test.describe('a policy that turns the demo off', () => {
  test.use({ policyFiles: { 'policy.json': JSON.stringify({ enforced: { allowDemo: false } }) } });

  test('offers no demo on the first run, and the bridge cannot start one', async ({ page, handoff }) => {
    await page.goto(handoff.preview.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();
    await expect(page.getByText('fill them in below.')).toBeVisible();
    await expect(button(page, 'Try the demo')).toHaveCount(0);
    await expect(page.getByText('built-in simulator')).toHaveCount(0);

    const refused = await page.evaluate(() => (globalThis as WindowWithBridge).handoff.app.startDemo());
    expect(refused).toMatchObject({ ok: false, error: { code: 'enforced_by_policy' } });
    if (!refused.ok) expect(english(refused.error.message)).toBe('Your organization has turned the demo off on this computer.');
    expect(await handoff.call('app:state')).toMatchObject({ ok: true, value: { mode: 'live', demoAllowed: false } });
  });
});

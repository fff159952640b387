/**
 * Issue 12, parts 6 and 7: the header says whether Plivo answers before the agent tries anything,
 * and credentials Plivo refused are corrected in place.
 */
import { startSimulator, type Simulator } from '../../main/simulator/server';
import { CUSTOMER_SHOWN, expect, needsKeyring, test, type Handoff } from './support/handoff';
import {
  announcement,
  button,
  connectionState,
  expectStates,
  openCall,
  participants,
  recordBridge,
  showView,
} from './support/ui';

/** Stops the fixture's simulator, so nothing answers at the address Handoff reads. */
async function stopPlivo(handoff: Handoff): Promise<number> {
  const port = Number(new URL(handoff.sim.url).port);
  await handoff.sim.close();
  return port;
}

/** Starts a simulator again at the same address, with the same token; the test closes it. */
function restartPlivo(handoff: Handoff, port: number): Promise<Simulator> {
  return startSimulator({ port, authToken: handoff.authToken });
}

test('with Plivo down, the header says so before any action, Open call still opens and says it, and a save after it is back says reachable', async ({ page, handoff }) => {
  needsKeyring();
  const port = await stopPlivo(handoff);
  await handoff.configure();
  const bridge = recordBridge(page);
  await page.goto(handoff.preview.url);

  const state = connectionState(page);
  await expect(state).toContainText('Plivo not reachable');
  await expect(state).toHaveAccessibleName(/^Plivo not reachable: no connection to Plivo from this computer, checked \d:\d\d ago\.$/);
  // The sentence is in words: the host and the code are only in the title and the details.
  await expect(state).not.toContainText(String(port));
  await expect(state).toHaveAttribute('title', /network/);
  expect(bridge.filter((m) => m.channel.startsWith('call:') || m.channel === 'session:open')).toEqual([]);

  await state.click();
  await expect(page.getByText(/^Handoff could not connect to Plivo: the connection was refused\. .*\(network, 127\.0\.0\.1:\d+, ECONNREFUSED\)$/)).toBeVisible();
  await state.click();

  // Tracking is local: the call opens, and the agent hears at once that transfers will fail.
  await openCall(page, CUSTOMER_SHOWN);
  await expect(announcement(page)).toContainText('Plivo is not reachable (no connection to Plivo from this computer), so transfers will fail');
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });

  const back = await restartPlivo(handoff, port);
  try {
    await showView(page, 'Settings');
    await button(page, 'Save').click();
    await expect(state).toContainText('Plivo reachable');
    await expect(state).toHaveAccessibleName(/^Plivo reachable, checked 0:0\d ago\.$/);
    expect(back.requests().map((r) => r.method)).toEqual(['GET']);
  } finally {
    await back.close();
  }
});

test('with Plivo back, opening a call checks again and the header says reachable', async ({ page, handoff }) => {
  needsKeyring();
  const port = await stopPlivo(handoff);
  await handoff.configure();
  await page.goto(handoff.preview.url);
  await expect(connectionState(page)).toContainText('Plivo not reachable');

  const back = await restartPlivo(handoff, port);
  try {
    back.createCall('+14152223333', '+14152224444');
    await page.getByLabel('Customer number', { exact: true }).fill(CUSTOMER_SHOWN);
    await button(page, 'Open call').click();
    await expect(participants(page)).toBeVisible();
    await expect(connectionState(page)).toContainText('Plivo reachable');
    // The check is a read: it changed nothing on the call.
    expect(back.requests().map((r) => r.method)).toEqual(['GET']);
  } finally {
    await back.close();
  }
});

test('a wrong Auth Token: Test connection marks the field, the agent replaces only the token, and the test passes', async ({ page, handoff }) => {
  await handoff.configure({ authToken: 'notTheSimulatorsToken' });
  const bridge = recordBridge(page);
  await page.goto(handoff.preview.url);
  await expect(connectionState(page)).toContainText('Plivo not reachable');
  await expect(connectionState(page)).toHaveAccessibleName(/: Plivo refused the credentials, checked /);
  await showView(page, 'Settings');
  // The stored token is never shown: only that it is set, with a way to change it.
  await expect(page.getByLabel('Auth Token', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Use a Plivo subaccount')).toBeVisible();

  await button(page, 'Test connection').click();
  const token = page.getByLabel('Auth Token', { exact: true });
  await expect(token).toHaveAttribute('aria-invalid', 'true');
  await expect(token).toHaveAccessibleDescription(/Plivo refused this Auth ID and Auth Token/);
  await expect(token).toHaveValue('');
  // Only the token is open for editing; the Auth ID stays as saved.
  await expect(page.getByLabel('Auth ID', { exact: true })).toHaveCount(0);
  await expect(page.getByText('MA…01')).toBeVisible();

  await token.fill(handoff.authToken);
  await expect(token).not.toHaveAttribute('aria-invalid', 'true');
  await button(page, 'Test connection').click();
  await expect(announcement(page)).toContainText('Connection works: Handoff reached the PHLO node "Multi-Party Call_1".');
  await expect(connectionState(page)).toContainText('Plivo reachable');
  await expect(page.getByLabel('Auth Token', { exact: true })).toHaveCount(0);
  expect(bridge.filter((m) => m.channel.startsWith('credentials:')).map((m) => m.channel)).toEqual(['credentials:status', 'credentials:replace']);
  expect(bridge.find((m) => m.channel === 'credentials:replace')?.payload).toEqual({ authToken: handoff.authToken });
});

test('the Auth ID can be replaced alone too, with Change, and the field it opens starts empty', async ({ page, handoff }) => {
  await handoff.configure();
  await page.goto(handoff.preview.url);
  await showView(page, 'Settings');
  await button(page, 'Change Auth ID').click();
  const authId = page.getByLabel('Auth ID', { exact: true });
  await expect(authId).toBeFocused();
  await expect(authId).toHaveValue('');
  await button(page, 'Keep the saved Auth ID').click();
  await expect(authId).toHaveCount(0);
  await expect(page.getByText('MA…01')).toBeVisible();
});

test('the demo names the simulator, not Plivo, and finds it reachable', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  await expect(connectionState(page)).toContainText('Plivo not set up');
  await button(page, 'Try the demo').click();
  await expect(connectionState(page)).toContainText('Simulator reachable');
});

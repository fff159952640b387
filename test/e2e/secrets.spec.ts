/**
 * The Auth Token goes from the Auth Token field to the OS keychain and to Plivo, nowhere else: not
 * back to the page, not into any bridge message but the one that saves it, not into any file.
 */
import type { Page } from '@playwright/test';
import { AGENT_TYPED, CUSTOMER_SHOWN, expect, needsKeyring, test } from './support/handoff';
import { readDataFiles } from './support/files';
import {
  announcement,
  button,
  completeTransfer,
  fieldValues,
  fillCredentials,
  fillSettings,
  openCall,
  saveSettings,
  showView,
  startWarmTransfer,
} from './support/ui';

/** One message between the page and the core. */
interface BridgeMessage {
  kind: 'request' | 'response' | 'event';
  url: string;
  text: string;
}

/** Records every bridge request and response body, and every Server-Sent Event the page receives. */
async function recordBridge(page: Page): Promise<{ messages: BridgeMessage[] }> {
  const messages: BridgeMessage[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/bridge/')) {
      messages.push({ kind: 'request', url: request.url(), text: request.postData() ?? '' });
    }
  });
  // Read in the route, not from the page's response: a reload would take the body with it unread.
  await page.route('**/bridge/invoke', async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    messages.push({ kind: 'response', url: route.request().url(), text });
    await route.fulfill({ response, body: text });
  });
  // The event stream never ends, so its body is read from Chromium's own record of each event.
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.eventSourceMessageReceived', (event) => {
    messages.push({ kind: 'event', url: '/bridge/events', text: `${event.eventName}\n${event.data}` });
  });
  await cdp.send('Network.enable');
  return { messages };
}

test('the Auth Token never reaches the DOM, a bridge message other than its save, or a file', async ({ page, handoff }) => {
  needsKeyring();
  const { sim, authToken } = handoff;
  const basic = Buffer.from(`${sim.authId}:${authToken}`).toString('base64');
  const bridge = await recordBridge(page);

  await page.goto(handoff.preview.url);
  await fillSettings(page, { phloId: sim.phloId, nodeId: sim.nodeId, agentNumber: AGENT_TYPED });
  await fillCredentials(page, sim.authId, authToken);
  await saveSettings(page, /Settings and credentials saved/);
  await button(page, 'Test connection').click();
  await expect(announcement(page)).toContainText('Connection works');
  // Details of a success (the api_id) are shown too; they must not carry the token either.
  await announcement(page).getByText('Details', { exact: true }).click();

  await showView(page, 'Call');
  handoff.startLiveCall();
  await openCall(page, CUSTOMER_SHOWN);
  await startWarmTransfer(page);
  // A failure too: its details carry Plivo's text and status.
  sim.injectFault({ kind: 'status', status: 401 });
  await button(page, 'Cancel transfer').click();
  await expect(announcement(page)).toContainText('Plivo did not accept your Auth ID and Auth Token');
  await completeTransfer(page);
  await showView(page, 'Settings');
  await expect(page.getByText(/Auth Token set/)).toBeVisible();
  // A fresh page load: what the core gives the page when it asks about credentials.
  await page.reload();
  await showView(page, 'Settings');
  await expect(page.getByText(/Auth Token set/)).toBeVisible();

  // The DOM: markup, and the values of every field (which the markup does not show).
  const html = await page.content();
  expect(html).toContain('Auth Token set');
  expect(html).not.toContain(authToken);
  expect(html).not.toContain(basic);
  for (const value of await fieldValues(page)) expect(value).not.toContain(authToken);

  // The bridge: only the request that saves the credentials carries it.
  const carrying = bridge.messages.filter((m) => m.text.includes(authToken) || m.text.includes(basic));
  expect(carrying.map((m) => `${m.kind} ${m.text.includes('credentials:save') ? 'credentials:save' : m.text.slice(0, 80)}`)).toEqual([
    'request credentials:save',
  ]);
  // The recording itself worked: requests, answers and events were all seen.
  expect(bridge.messages.filter((m) => m.kind === 'response').length).toBeGreaterThan(5);
  expect(bridge.messages.filter((m) => m.kind === 'event' && m.text.startsWith('session:changed')).length).toBeGreaterThan(3);

  // The data folder: settings, the log, anything else.
  const files = await readDataFiles(handoff.dataDir);
  expect(files.map((f) => f.path.slice(handoff.dataDir.length))).toEqual(expect.arrayContaining(['/settings.json', '/logs/handoff.log']));
  for (const file of files) {
    expect(file.text, file.path).not.toContain(authToken);
    expect(file.text, file.path).not.toContain(basic);
  }
  // ...while Plivo did get it, as the Basic header.
  expect(sim.requests()).not.toHaveLength(0);
  expect(sim.requests().every((r) => r.headers['authorization'] === `Basic ${basic}`)).toBe(true);
});

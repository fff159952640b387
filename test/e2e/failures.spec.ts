/**
 * What the agent sees when something goes wrong: a wrong token, Plivo unreachable, Plivo too slow,
 * and a number that cannot be meant. Each must say what happened in words, and send nothing it
 * should not.
 */
import type { Page } from '@playwright/test';
import {
  AGENT,
  COLLEAGUE_SHOWN,
  CUSTOMER,
  CUSTOMER_SHOWN,
  expect,
  test,
  type Handoff,
} from './support/handoff';
import {
  announcement,
  button,
  escapeRegExp,
  expectStates,
  fillCredentials,
  fillSettings,
  fillTransfer,
  onACall,
  outcomeQuestion,
  participant,
  recordBridge,
  showView,
} from './support/ui';

const WRONG_TOKEN = 'Plivo did not accept your Auth ID and Auth Token. Check them in Settings against the Plivo console.';

test('a wrong Auth Token on Test connection is put beside the Auth Token field, in words for an agent already in Settings', async ({ page, handoff }) => {
  await handoff.configure({ authToken: 'notTheSimulatorsToken' });
  await page.goto(handoff.preview.url);
  await showView(page, 'Settings');
  await button(page, 'Test connection').click();
  const token = page.getByLabel('Auth Token', { exact: true });
  await expect(token).toHaveAttribute('aria-invalid', 'true');
  await expect(token).toHaveValue('');
  await expect(token).toHaveAccessibleDescription(/Plivo refused this Auth ID and Auth Token/);
  await expect(token).toBeFocused();
  // (The closed Keyboard shortcuts dialog, outside the view, may say "in Settings" of the global shortcut.)
  await expect(page.getByRole('main').getByText(/in Settings/)).toHaveCount(0);
  expect(handoff.sim.requests().map((r) => [r.method, r.status])).toEqual([['GET', 401], ['GET', 401]]);
});

test('a call action refused with 401 says so in words, with Plivo\'s facts under Details, and leaves the call as it was', async ({ page, handoff }) => {
  await onACall(page, handoff, { authToken: 'notTheSimulatorsToken' });
  await fillTransfer(page, COLLEAGUE_SHOWN);
  await button(page, 'Warm transfer').click();
  const said = announcement(page);
  await expect(said).toContainText(WRONG_TOKEN);

  const details = said.getByText('Details', { exact: true });
  await expect(details).toBeVisible();
  await expect(said.getByText('HTTP status')).toBeHidden();
  await details.click();
  await expect(said.getByText('Authentication failed: check the Auth ID and Auth Token.')).toBeVisible();
  await expect(said.getByText('api_id')).toBeVisible();
  // Plivo's request id, as the simulator answered it, is what support will ask for.
  const apiId = said.getByRole('term').filter({ hasText: /^api_id$/ }).locator('xpath=following-sibling::dd[1]');
  await expect(apiId).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(said).toContainText('401');

  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  await expect(participant(page, COLLEAGUE_SHOWN)).toHaveCount(0);
  await expect(button(page, 'Warm transfer')).toBeEnabled();
  expect(handoff.actions().map((r) => [r.status, r.applied])).toEqual([[401, false]]);
});

// A request that never left: the agent is told so in words (the address and the network's own
// code only under Details), the call stays as it was, and no "Did it go through?" holds it up.
async function expectNothingSent(page: Page, handoff: Handoff, words: string, details: { server?: string; error: RegExp }) {
  const said = announcement(page);
  await expect(said).toContainText(words);
  await expect(said).toContainText('Nothing was sent.');
  await expect(said.locator('.message')).not.toContainText(/127\.0\.0\.1|invalid|ERR|ECONN|ENOTFOUND|bad port/);
  await said.getByText('Details', { exact: true }).click();
  const fact = (term: string) => said.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
  if (details.server !== undefined) await expect(fact('Server')).toHaveText(details.server);
  await expect(fact('Network error')).toHaveText(details.error);
  await expect(outcomeQuestion(page)).toHaveCount(0);
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  await expect(participant(page, COLLEAGUE_SHOWN)).toHaveCount(0);
  // Safe to try again: the button is back.
  await expect(button(page, 'Warm transfer')).toBeEnabled();
  expect(handoff.actions()).toHaveLength(0);
}

test('with the simulator down, the agent is told the connection was refused and that nothing was sent', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await handoff.sim.close();
  await fillTransfer(page, COLLEAGUE_SHOWN);
  await button(page, 'Warm transfer').click();
  await expectNothingSent(page, handoff, 'Handoff could not connect to Plivo: the connection was refused.', {
    server: new URL(handoff.sim.url).host,
    error: /^ECONNREFUSED$/,
  });
});

for (const [where, phloBaseUrl, words, details] of [
  ['on port 9, which fetch refuses to connect to', 'http://127.0.0.1:9/v1/', 'Handoff cannot use the PHLO address in its settings.', { server: '127.0.0.1:9', error: /^bad port$/ }],
  ['on a host no name server knows', 'https://nohost.invalid/v1/', 'Handoff could not find Plivo\'s server: its name did not resolve.', { server: 'nohost.invalid', error: /^(ENOTFOUND|EAI_AGAIN)$/ }],
] as const) {
  test.describe(`with the PHLO address ${where}`, () => {
    test.use({ phloBaseUrl });
    test('a warm transfer says nothing was sent and does not ask "Did it go through?"', async ({ page, handoff }) => {
      await onACall(page, handoff);
      await fillTransfer(page, COLLEAGUE_SHOWN);
      await button(page, 'Warm transfer').click();
      await expectNothingSent(page, handoff, words, details);
    });
  });
}

test('a slow simulator: progress and every action disabled while pending, then the timeout message', async ({ page, handoff }) => {
  // Long enough for every check below to run while the request is pending; the answer never comes in time.
  await onACall(page, handoff, { requestTimeoutMs: 5000 });
  await fillTransfer(page, COLLEAGUE_SHOWN);
  handoff.sim.injectFault({ kind: 'delay', ms: 10_000 });
  await button(page, 'Warm transfer').click();

  // The pressed button shows progress; nothing else can be pressed.
  const busy = page.locator('button[aria-busy="true"]');
  await expect(busy).toHaveCount(1);
  await expect(busy).toHaveText('Transferring…');
  for (const name of ['Cold transfer', 'Add to call', 'Close in Handoff']) await expect(button(page, name), name).toBeDisabled();
  const customer = participant(page, CUSTOMER_SHOWN);
  await expect(customer.getByRole('button', { name: /^Hold\b/ })).toBeDisabled();
  await expect(customer.getByRole('button', { name: /^Hang up\b/ })).toBeDisabled();
  await expect(busy).toBeDisabled();

  // The question says it, once: the outcome bar does not repeat it.
  await expect(outcomeQuestion(page)).toContainText('Plivo did not answer within 5 seconds', { timeout: 15_000 });
  await expect(outcomeQuestion(page)).toContainText('The action may have reached Plivo all the same.');
  await expect(announcement(page)).toBeEmpty();
  await expect(busy).toHaveCount(0);
  // Whether it happened is the agent's to say (unconfirmed.spec.ts); until then nothing else is sent.
  await expect(button(page, 'Warm transfer')).toBeDisabled();
  await expect(button(page, 'Cold transfer')).toBeDisabled();
  // Handoff changes the call only on Plivo's word, and never resends an action that may have landed.
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  expect(handoff.actions()).toHaveLength(1);
});

for (const [field, setUp] of [
  ['Customer number', async (page: Page, handoff: Handoff) => {
    await handoff.configure();
    await page.goto(handoff.preview.url);
    return { submit: button(page, 'Open call') };
  }],
  ['Transfer to', async (page: Page, handoff: Handoff) => {
    await onACall(page, handoff);
    return { submit: button(page, 'Warm transfer') };
  }],
] as const) {
  test(`a number nobody can mean is caught in "${field}" with the reason, and nothing is sent`, async ({ page, handoff }) => {
    const { submit } = await setUp(page, handoff);
    const bridge = recordBridge(page);
    const input = page.getByLabel(field, { exact: true });
    for (const [typed, reason] of [
      ['call me maybe', 'A phone number has only digits, spaces and + ( ) - . in it.'],
      ['12', '12 is too short to be a phone number for US'],
      ['sip:alice@', 'The SIP address has no host after "@".'],
    ] as const) {
      await input.fill(typed);
      await submit.click();
      await expect(input, typed).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText(reason), typed).toBeVisible();
      await expect(input, typed).toHaveAccessibleDescription(new RegExp(escapeRegExp(reason)));
      // Focus goes to the field, so a screen reader reads the reason at once.
      await expect(input, typed).toBeFocused();
    }
    expect(bridge.filter((m) => m.channel.startsWith('call:') || m.channel === 'session:open')).toEqual([]);
    expect(handoff.actions()).toHaveLength(0);

    // Typing clears the reason; a valid number then goes through.
    await input.fill(field === 'Customer number' ? CUSTOMER_SHOWN : COLLEAGUE_SHOWN);
    await expect(input).not.toHaveAttribute('aria-invalid', 'true');
    if (field === 'Customer number') return;
    await submit.click();
    await expect(announcement(page)).toContainText('Warm transfer started');
    expect(handoff.actions().map((r) => (r.body as { trigger_source: string }).trigger_source)).toEqual([AGENT]);
    expect(handoff.sim.calls()[0]?.members.map((m) => m.address)).toContain(CUSTOMER);
  });
}

test('a slow address check never lands on newer typing, and typing never waits for it', async ({ page, handoff }) => {
  await onACall(page, handoff, { open: false });
  // The core's answer about the first text is held back until the agent has typed something else.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let first = true;
  await page.route('**/bridge/invoke', async (route) => {
    const holdThis = first && (route.request().postData() ?? '').includes('"address:check"');
    if (holdThis) first = false;
    if (holdThis) await held;
    await route.continue();
  });
  const input = page.getByLabel('Customer number', { exact: true });
  await input.fill('12');
  await input.press('Tab');
  const stale = page.waitForResponse((response) => (response.request().postData() ?? '').includes('"text":"12"'));

  await input.fill(CUSTOMER_SHOWN);
  await expect(input).toHaveValue(CUSTOMER_SHOWN);
  release();
  await stale;
  // The page reads the answer's body after the response arrives: give it a moment to (not) show it.
  await page.waitForTimeout(300);
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('12 is too short')).toHaveCount(0);

  await button(page, 'Open call').click();
  await expect(announcement(page)).toContainText('Call opened');
});

test('"Your number" in Settings refuses a number nobody can mean, with the reason, and saves nothing', async ({ page, handoff }) => {
  await page.goto(handoff.preview.url);
  const bridge = recordBridge(page);
  const input = page.getByLabel('Your number', { exact: true });
  for (const [typed, reason] of [
    ['call me maybe', 'A phone number has only digits, spaces and + ( ) - . in it.'],
    ['12', '12 is too short to be a phone number for US'],
    ['sip:alice@', 'The SIP address has no host after "@".'],
  ] as const) {
    await input.fill(typed);
    await button(page, 'Save').click();
    await expect(input, typed).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(reason), typed).toBeVisible();
    await expect(input, typed).toBeFocused();
  }
  expect(bridge.filter((m) => m.channel === 'settings:update' || m.channel === 'credentials:save')).toEqual([]);
  expect(await handoff.call('settings:get')).toMatchObject({ ok: true, value: { settings: { agentAddress: null } } });
});

test('settings saved with credentials refused: the agent is told both, beside the field', async ({ page, handoff }) => {
  const { sim } = handoff;
  await page.goto(handoff.preview.url);
  await fillSettings(page, { phloId: sim.phloId, nodeId: sim.nodeId, agentNumber: AGENT });
  await fillCredentials(page, 'not-an-auth-id', handoff.authToken);
  await button(page, 'Save').click();
  const authId = page.getByLabel('Auth ID', { exact: true });
  await expect(authId).toHaveAttribute('aria-invalid', 'true');
  await expect(authId).toHaveAccessibleDescription(/^Settings saved, but your credentials were not: The Auth ID is 20 letters/);
  await expect(authId).toBeFocused();
  expect(await handoff.call('settings:get')).toMatchObject({ ok: true, value: { settings: { phloId: sim.phloId, agentAddress: AGENT } } });
  expect(await handoff.call('credentials:status')).toMatchObject({ ok: true, value: { set: false } });
});

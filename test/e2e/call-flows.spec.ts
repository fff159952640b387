/**
 * The agent's work, end to end: the built renderer in Chromium, the preview's bridge, the real
 * core and keychain, and the PHLO simulator, which records every request Handoff sent.
 */
import {
  AGENT,
  AGENT_TYPED,
  COLLEAGUE,
  COLLEAGUE_SHOWN,
  CUSTOMER,
  CUSTOMER_SHOWN,
  expect,
  needsKeyring,
  test,
} from './support/handoff';
import {
  announcement,
  button,
  completeTransfer,
  expectStates,
  fillCredentials,
  fillSettings,
  fillTransfer,
  onACall,
  openCall,
  participant,
  participants,
  recordBridge,
  saveSettings,
  showView,
  startWarmTransfer,
  transferUnderWay,
  viewButton,
} from './support/ui';

test('a first run goes from Settings, credentials and Test connection to a completed warm transfer', async ({ page, handoff }) => {
  needsKeyring();
  const { sim } = handoff;
  const bridge = recordBridge(page);
  await page.goto(handoff.preview.url);

  // Nothing is configured: Settings is shown first, with the demo on offer.
  await expect(viewButton(page, 'Settings')).toHaveAttribute('aria-current', 'page');
  await expect(button(page, 'Try the demo')).toBeVisible();

  await fillSettings(page, { phloId: sim.phloId, nodeId: sim.nodeId, agentNumber: AGENT_TYPED, defaultCountry: 'US' });
  await fillCredentials(page, sim.authId, handoff.authToken);
  await saveSettings(page, /Settings and credentials saved/);
  // Exactly the fields the form shows: where requests go is not the app's to change (the core refuses it).
  expect(bridge.filter((m) => m.channel === 'settings:update').map((m) => m.payload)).toEqual([
    { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT_TYPED, defaultCountry: 'US', defaultRole: 'agent' },
  ]);
  // Once set, the token shows only that it is set.
  await expect(page.getByLabel('Auth Token', { exact: true })).toHaveCount(0);
  await expect(page.getByText(/Auth Token set/)).toBeVisible();
  await expect(page.getByText('MA…01')).toBeVisible();
  await expect(button(page, 'Forget credentials')).toBeVisible();
  expect(await handoff.call('settings:get')).toMatchObject({
    ok: true,
    value: { settings: { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT, defaultCountry: 'US' } },
  });

  await button(page, 'Test connection').click();
  await expect(announcement(page)).toContainText('Connection works: Handoff reached the PHLO node "Multi-Party Call_1".');
  // Reads only (Test connection's, and the reachability check saving started): nothing acted on a call.
  expect(sim.requests().map((r) => r.method)).toEqual(['GET', 'GET']);

  await showView(page, 'Call');
  handoff.startLiveCall();
  await openCall(page, CUSTOMER_SHOWN);
  await expect(participants(page).getByRole('listitem')).toHaveCount(2);
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  await expect(participant(page, CUSTOMER_SHOWN)).toContainText('Customer');

  await startWarmTransfer(page);
  // The panel of the transfer under way names all three people with their states.
  await expect(transferUnderWay(page)).toBeVisible();
  await expect(button(page, 'Warm transfer')).toHaveCount(0);
  for (const name of ['Complete transfer', 'Cancel transfer', 'Merge calls']) await expect(button(page, name)).toBeEnabled();
  expect(handoff.simStates()).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'on_hold', [COLLEAGUE]: 'consulting' });

  await completeTransfer(page);
  expect(handoff.simStates()).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });

  expect(handoff.actions().map((r) => r.body)).toEqual([
    { action: 'warm_transfer', to: COLLEAGUE, role: 'agent', trigger_source: AGENT },
    { action: 'hangup' },
  ]);
  expect(handoff.actions()[1]?.path).toContain(`/members/${encodeURIComponent(AGENT)}`);
});

test('a warm transfer can be cancelled: the colleague is dropped and the customer is back', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await startWarmTransfer(page);
  await button(page, 'Cancel transfer').click();
  await expect(announcement(page)).toContainText('Transfer cancelled');
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected', [COLLEAGUE_SHOWN]: 'Left' });
  await expect(button(page, 'Warm transfer')).toBeEnabled();
  expect(handoff.simStates()).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected', [COLLEAGUE]: 'left' });
  expect(handoff.actionNames()).toEqual(['warm_transfer', 'abort_transfer']);
});

test('a warm transfer can be merged into a three-way call', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await startWarmTransfer(page);
  await button(page, 'Merge calls').click();
  await expect(announcement(page)).toContainText('Calls merged');
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected', [COLLEAGUE_SHOWN]: 'Connected' });
  expect(handoff.simStates()).toEqual({ [AGENT]: 'connected', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
  expect(handoff.actionNames()).toEqual(['warm_transfer', 'resume_call']);
});

test('a cold transfer hands the customer over and the agent leaves; Close in Handoff forgets it', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await fillTransfer(page, COLLEAGUE_SHOWN, 'Customer');
  await button(page, 'Cold transfer').click();
  await expect(announcement(page)).toContainText('Cold transfer started');
  await expectStates(page, { You: 'Left', [CUSTOMER_SHOWN]: 'Connected', [COLLEAGUE_SHOWN]: 'Called' });
  expect(handoff.actions().map((r) => r.body)).toEqual([
    { action: 'cold_transfer', to: COLLEAGUE, role: 'customer', trigger_source: AGENT },
  ]);
  // Nothing is left to transfer once the agent has left.
  await expect(button(page, 'Warm transfer')).toHaveCount(0);

  await button(page, 'Close in Handoff').click();
  await expect(participants(page)).toHaveCount(0);
  await expect(page.getByLabel('Customer number', { exact: true })).toBeVisible();
  expect(await handoff.call('session:get')).toEqual({ ok: true, value: null });
  expect(handoff.actions()).toHaveLength(1);
});

test('closing mid-transfer asks first, names the held customer, and closes nothing until the agent confirms', async ({ page, handoff }) => {
  await onACall(page, handoff, { name: 'Maria Lopez' });
  await startWarmTransfer(page, 'Maria Lopez');
  const bridge = recordBridge(page);

  await button(page, 'Close in Handoff').click();
  const question = page.getByRole('region', { name: 'Close this call in Handoff?' });
  await expect(question).toContainText('Maria Lopez is on hold.');
  await expect(question).toContainText(`You are still consulting ${COLLEAGUE_SHOWN}.`);
  await expect(question).toContainText('does not take them off hold or end the calls. Close anyway?');
  await expect(page.getByRole('heading', { name: 'Close this call in Handoff?' })).toBeFocused();
  // The safe ways out stand beside the close, and nothing was sent to close it.
  await expect(button(question, 'Cancel transfer')).toBeVisible();
  await expect(button(question, 'Complete transfer')).toBeVisible();
  expect(bridge).toEqual([]);

  await button(question, 'Keep it open').click();
  await expect(question).toHaveCount(0);
  await expect(button(page, 'Close in Handoff')).toBeFocused();
  await expectStates(page, { You: 'Consulting', 'Maria Lopez': 'On hold', [COLLEAGUE_SHOWN]: 'Called' });
  expect(bridge).toEqual([]);
  // The core holds the rule too: the bridge call without force closes nothing.
  expect(await handoff.call('session:end')).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
  await expect(transferUnderWay(page)).toBeVisible();

  await button(page, 'Close in Handoff').click();
  await button(question, 'Close anyway').click();
  await expect(participants(page)).toHaveCount(0);
  expect(bridge.map((m) => m.payload)).toEqual([{ force: true }]);
  // Handoff forgot the call; Plivo still holds the customer, as the question said.
  expect(handoff.simStates()[CUSTOMER]).toBe('on_hold');
  expect(handoff.actionNames()).toEqual(['warm_transfer']);
});

test('closing with the customer on hold offers to resume them instead', async ({ page, handoff }) => {
  await onACall(page, handoff, { name: 'Maria Lopez' });
  await participant(page, 'Maria Lopez').getByRole('button', { name: /^Hold\b/ }).click();
  await expectStates(page, { 'Maria Lopez': 'On hold' });
  await button(page, 'Close in Handoff').click();
  const question = page.getByRole('region', { name: 'Close this call in Handoff?' });
  await button(question, /^Resume Maria Lopez/).click();
  await expect(question).toHaveCount(0);
  await expectStates(page, { 'Maria Lopez': 'Connected' });
  await button(page, 'Close in Handoff').click();
  await expect(participants(page)).toHaveCount(0);
});

test('a member can be held, resumed and hung up from their row', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await fillTransfer(page, COLLEAGUE_SHOWN);
  await button(page, 'Add to call').click();
  await expect(announcement(page)).toContainText(`Dialling ${COLLEAGUE_SHOWN} into the call`);
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected', [COLLEAGUE_SHOWN]: 'Called' });

  const customer = participant(page, CUSTOMER_SHOWN);
  await customer.getByRole('button', { name: /^Hold\b/ }).click();
  await expect(announcement(page)).toContainText(`${CUSTOMER_SHOWN} is on hold`);
  await expect(customer).toContainText('On hold');
  expect(handoff.simStates()[CUSTOMER]).toBe('on_hold');
  // Hold and Resume share the button: it now offers Resume.
  await expect(customer.getByRole('button', { name: /^Hold\b/ })).toHaveCount(0);

  await customer.getByRole('button', { name: /^Resume\b/ }).click();
  await expect(announcement(page)).toContainText(`${CUSTOMER_SHOWN} is back on the call`);
  await expect(customer).toContainText('Connected');
  expect(handoff.simStates()[CUSTOMER]).toBe('connected');

  const colleague = participant(page, COLLEAGUE_SHOWN);
  await colleague.getByRole('button', { name: /^Hang up\b/ }).click();
  await expect(announcement(page)).toContainText(`${COLLEAGUE_SHOWN} was hung up`);
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected', [COLLEAGUE_SHOWN]: 'Left' });
  // A member who left has no actions any more.
  await expect(colleague.getByRole('button')).toHaveCount(0);
  expect(handoff.simStates()[COLLEAGUE]).toBe('left');

  expect(handoff.actionNames()).toEqual(['call', 'hold', 'unhold', 'hangup']);
  const sent = handoff.actions();
  expect(sent[1]?.path).toContain(`/members/${encodeURIComponent(CUSTOMER)}`);
  expect(sent[3]?.path).toContain(`/members/${encodeURIComponent(COLLEAGUE)}`);
});

test('the agent\'s own row offers Hang up only when the call goes on without them', async ({ page, handoff }) => {
  await onACall(page, handoff);
  const self = participant(page, 'You');
  // Two people: hanging yourself up would end the call for the customer.
  await expect(self.getByRole('button', { name: /^Hang up\b/ })).toHaveCount(0);
  await expect(participant(page, CUSTOMER_SHOWN).getByRole('button', { name: /^Hang up\b/ })).toBeEnabled();

  // A colleague still dialling may never answer: leaving is not offered yet.
  await fillTransfer(page, COLLEAGUE_SHOWN);
  await button(page, 'Add to call').click();
  await expectStates(page, { [COLLEAGUE_SHOWN]: 'Called' });
  await expect(self.getByRole('button', { name: /^Hang up\b/ })).toHaveCount(0);
  // Once two others are talking, the call goes on without the agent, so leaving is offered.
  const colleague = participant(page, COLLEAGUE_SHOWN);
  await colleague.getByRole('button', { name: /^Hold\b/ }).click();
  await colleague.getByRole('button', { name: /^Resume\b/ }).click();
  await expectStates(page, { [COLLEAGUE_SHOWN]: 'Connected' });
  await expect(self.getByRole('button', { name: /^Hang up\b/ })).toBeEnabled();
  expect(handoff.actionNames()).toEqual(['call', 'hold', 'unhold']);
});

test('a double click on Warm transfer sends one request', async ({ page, handoff }) => {
  await onACall(page, handoff);
  await fillTransfer(page, COLLEAGUE_SHOWN);
  // Slow enough that the second click lands while the first is still pending.
  handoff.sim.injectFault({ kind: 'delay', ms: 500 });
  const bridge = recordBridge(page);
  await button(page, 'Warm transfer').dblclick();
  await expect(announcement(page)).toContainText('Warm transfer started');
  await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold', [COLLEAGUE_SHOWN]: 'Called' });
  expect(handoff.actionNames()).toEqual(['warm_transfer']);

  // And one on Complete transfer: a second hang-up would be refused by Plivo, or worse. The delay
  // keeps the first request pending while the second click lands.
  handoff.sim.injectFault({ kind: 'delay', ms: 800 });
  await button(page, 'Complete transfer').dblclick();
  await expect(announcement(page)).toContainText('Transfer completed');
  const actions = handoff.actionNames();
  expect(actions.filter((action) => action === 'hangup')).toHaveLength(1);
  expect(actions).toEqual(['warm_transfer', 'hangup']);
  // The page did not even ask the core a second time.
  expect(bridge.map((m) => m.channel).filter((channel) => channel.startsWith('call:'))).toEqual(['call:warm-transfer', 'call:complete-transfer']);
});

/**
 * An action whose answer was lost after it may have reached Plivo: Handoff never resends it, and
 * asks the agent "Did it go through?" (they can hear the call, Handoff cannot). Until they answer,
 * every other call action waits; the question survives a reload, since it is part of the call.
 */
import type { Page } from '@playwright/test';
import type { Simulator } from '../../main/simulator/server';
import {
  AGENT,
  COLLEAGUE,
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
  completeTransfer,
  expectStates,
  fillTransfer,
  openCall,
  participant,
} from './support/ui';

const TIMED_OUT = 'Plivo did not answer within 2 seconds. The action may have reached Plivo';
const WAITING = 'First say above whether the warm transfer went through.';

/** The question, found by its heading. */
function prompt(page: Page) {
  return page.getByRole('region', { name: 'Did it go through?' });
}

/** Each member's state in the simulator's one live call, by address. */
function simStates(sim: Simulator): Record<string, string> {
  const [call] = sim.calls();
  return Object.fromEntries((call?.members ?? []).map((m) => [m.address, m.state]));
}

/**
 * On a call, a warm transfer to the colleague whose answer never comes in time: the simulator
 * carries it out, then holds its answer past Handoff's 2-second timeout.
 */
async function lostWarmTransfer(page: Page, handoff: Handoff): Promise<void> {
  await handoff.configure({ requestTimeoutMs: 2000 });
  handoff.startLiveCall();
  await page.goto(handoff.preview.url);
  await openCall(page, CUSTOMER_SHOWN);
  await fillTransfer(page, COLLEAGUE_SHOWN);
  handoff.sim.injectFault({ kind: 'delay', ms: 8000 });
  await button(page, 'Warm transfer').click();
  await expect(prompt(page)).toBeVisible({ timeout: 6000 });
}

/** Every call action is there but disabled, and says why to a screen reader. */
async function expectActionsWait(page: Page): Promise<void> {
  for (const name of ['Warm transfer', 'Cold transfer', 'Add to call']) {
    await expect(button(page, name), name).toBeDisabled();
    await expect(button(page, name), name).toHaveAccessibleDescription(new RegExp(`^${WAITING}`));
  }
  const customer = participant(page, CUSTOMER_SHOWN);
  for (const name of [/^Hold\b/, /^Hang up\b/]) {
    await expect(customer.getByRole('button', { name }), String(name)).toBeDisabled();
    await expect(customer.getByRole('button', { name }), String(name)).toHaveAccessibleDescription(WAITING);
  }
  await expect(page.getByText(WAITING, { exact: true }).first()).toBeVisible();
}

test('a lost warm transfer asks "Did it go through?"; "It went through" shows the transfer under way', async ({ page, handoff }) => {
  await lostWarmTransfer(page, handoff);
  const question = prompt(page);
  await expect(announcement(page)).toContainText(TIMED_OUT);
  await expect(question).toContainText(TIMED_OUT);
  await expect(question).toContainText('Handoff cannot tell whether the warm transfer happened');
  await expect(question).toContainText('Check your softphone');
  // Focus goes to the question, so a screen reader reads it before anything else.
  await expect(page.getByRole('heading', { name: 'Did it go through?' })).toBeFocused();
  await expectActionsWait(page);
  // Handoff drew nothing it was not told: the call is as it was until the agent says otherwise.
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  // ...while Plivo (the simulator) did carry it out.
  expect(simStates(handoff.sim)).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'on_hold', [COLLEAGUE]: 'consulting' });

  await button(question, 'It went through').click();
  await expect(announcement(page)).toContainText('Updated: the warm transfer went through.');
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Warm transfer under way' })).toBeVisible();
  await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold', [COLLEAGUE_SHOWN]: 'Consulting' });
  for (const name of ['Complete transfer', 'Cancel transfer', 'Merge calls']) await expect(button(page, name), name).toBeEnabled();
  // Saying so sent nothing.
  expect(handoff.actions()).toHaveLength(1);

  await completeTransfer(page);
  expect(handoff.actions().map((r) => (r.body as { action: string }).action)).toEqual(['warm_transfer', 'hangup']);
  expect(simStates(handoff.sim)).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
});

test('"It did not go through" keeps the call as it was, resends nothing, and Warm transfer is back', async ({ page, handoff }) => {
  await lostWarmTransfer(page, handoff);
  await expectActionsWait(page);

  await button(prompt(page), 'It did not go through').click();
  await expect(announcement(page)).toContainText('Noted: the call is as it was.');
  await expect(prompt(page)).toHaveCount(0);
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  await expect(participant(page, COLLEAGUE_SHOWN)).toHaveCount(0);
  await expect(page.getByText(WAITING)).toHaveCount(0);
  await expect(button(page, 'Warm transfer')).toBeEnabled();
  await expect(button(page, 'Warm transfer')).not.toHaveAccessibleDescription(new RegExp(WAITING));
  await expect(participant(page, CUSTOMER_SHOWN).getByRole('button', { name: /^Hold\b/ })).toBeEnabled();
  // One request, ever: neither the failure nor the answer sent it again.
  expect(handoff.sim.requests()).toHaveLength(1);
  expect(handoff.actions().map((r) => (r.body as { action: string }).action)).toEqual(['warm_transfer']);
});

test('the question is still there after a reload, and still holds every other action', async ({ page, handoff }) => {
  await lostWarmTransfer(page, handoff);
  await page.reload();
  await expect(prompt(page)).toBeVisible();
  await expect(prompt(page)).toContainText(TIMED_OUT);
  await expect(page.getByRole('heading', { name: 'Did it go through?' })).toBeFocused();
  await expectActionsWait(page);

  await button(prompt(page), 'It went through').click();
  await expect(page.getByRole('heading', { name: 'Warm transfer under way' })).toBeVisible();
  expect(handoff.actions()).toHaveLength(1);
});

/**
 * An action whose answer was lost after it may have reached Plivo: Handoff never resends it, and
 * asks the agent "Did it go through?" (they can hear the call, Handoff cannot). Until they answer,
 * every other call action waits; the question survives a reload, since it is part of the call.
 */
import type { Page } from '@playwright/test';
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
  onACall,
  outcomeQuestion,
  participant,
  transferUnderWay,
} from './support/ui';

const TIMED_OUT = 'Plivo did not answer within 2 seconds. The action may have reached Plivo';
const WAITING = 'First say above whether the warm transfer went through.';

/**
 * On a call, a warm transfer to the colleague whose answer never comes in time: the simulator
 * carries it out, then holds its answer past Handoff's 2-second timeout.
 */
async function lostWarmTransfer(page: Page, handoff: Handoff): Promise<void> {
  await onACall(page, handoff, { requestTimeoutMs: 2000 });
  await fillTransfer(page, COLLEAGUE_SHOWN);
  handoff.sim.injectFault({ kind: 'delay', ms: 8000 });
  await button(page, 'Warm transfer').click();
  await expect(outcomeQuestion(page)).toBeVisible({ timeout: 6000 });
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
  const question = outcomeQuestion(page);
  await expect(question).toContainText(TIMED_OUT);
  // Said once on screen: the outcome bar leaves the failure to the question.
  await expect(announcement(page)).toBeEmpty();
  await expect(question).toContainText('Handoff cannot tell whether the warm transfer happened');
  await expect(question).toContainText('Check your softphone');
  // Focus goes to the question, so a screen reader reads it before anything else.
  await expect(outcomeQuestion(page).getByRole('heading')).toBeFocused();
  await expectActionsWait(page);
  // Handoff drew nothing it was not told: the call is as it was until the agent says otherwise.
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  // ...while Plivo (the simulator) did carry it out.
  expect(handoff.simStates()).toEqual({ [AGENT]: 'consulting', [CUSTOMER]: 'on_hold', [COLLEAGUE]: 'consulting' });

  await button(question, 'It went through').click();
  await expect(announcement(page)).toContainText('Updated: the warm transfer went through.');
  await expect(question).toHaveCount(0);
  await expect(transferUnderWay(page)).toBeVisible();
  await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold', [COLLEAGUE_SHOWN]: 'Called' });
  for (const name of ['Complete transfer', 'Cancel transfer', 'Merge calls']) await expect(button(page, name), name).toBeEnabled();
  // Saying so sent nothing.
  expect(handoff.actions()).toHaveLength(1);

  await completeTransfer(page);
  expect(handoff.actionNames()).toEqual(['warm_transfer', 'hangup']);
  expect(handoff.simStates()).toEqual({ [AGENT]: 'left', [CUSTOMER]: 'connected', [COLLEAGUE]: 'connected' });
});

test('"It did not go through" keeps the call as it was, resends nothing, and Warm transfer is back', async ({ page, handoff }) => {
  await lostWarmTransfer(page, handoff);
  await expectActionsWait(page);

  await button(outcomeQuestion(page), 'It did not go through').click();
  await expect(announcement(page)).toContainText('Noted: the call is as it was.');
  await expect(outcomeQuestion(page)).toHaveCount(0);
  await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });
  await expect(participant(page, COLLEAGUE_SHOWN)).toHaveCount(0);
  await expect(page.getByText(WAITING)).toHaveCount(0);
  await expect(button(page, 'Warm transfer')).toBeEnabled();
  await expect(button(page, 'Warm transfer')).not.toHaveAccessibleDescription(new RegExp(WAITING));
  await expect(participant(page, CUSTOMER_SHOWN).getByRole('button', { name: /^Hold\b/ })).toBeEnabled();
  // One action, ever: neither the failure nor the answer sent it again (the reachability checks are reads).
  expect(handoff.actions()).toHaveLength(1);
  expect(handoff.actionNames()).toEqual(['warm_transfer']);
});

test('the question is still there after a reload, and still holds every other action', async ({ page, handoff }) => {
  await lostWarmTransfer(page, handoff);
  await page.reload();
  await expect(outcomeQuestion(page)).toBeVisible();
  await expect(outcomeQuestion(page)).toContainText(TIMED_OUT);
  await expect(outcomeQuestion(page).getByRole('heading')).toBeFocused();
  await expectActionsWait(page);

  await button(outcomeQuestion(page), 'It went through').click();
  await expect(transferUnderWay(page)).toBeVisible();
  expect(handoff.actions()).toHaveLength(1);
});

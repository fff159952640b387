/**
 * The app as an agent sees it: every control is found by its role and accessible name (issue 3,
 * item 1), so these helpers double as a check that the names are there.
 */
import type { Locator, Page } from '@playwright/test';
import { COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect } from './handoff';

/** The header's view switcher. */
export function viewButton(page: Page, name: 'Call' | 'Settings'): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
}

/** Shows a view and waits until it is the current one. */
export async function showView(page: Page, name: 'Call' | 'Settings'): Promise<void> {
  await viewButton(page, name).click();
  await expect(viewButton(page, name)).toHaveAttribute('aria-current', 'page');
}

/** The live region every outcome is announced in. */
export function announcement(page: Page): Locator {
  return page.getByRole('status');
}

/** A button by its exact accessible name. */
export function button(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name });
}

/** The participant list. */
export function participants(page: Page): Locator {
  return page.getByRole('list', { name: 'Participants' });
}

/** The row of the participant whose name (or, without one, number) is `who`: rows start with it. */
export function participant(page: Page, who: string): Locator {
  const escaped = who.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return participants(page).getByRole('listitem').filter({ hasText: new RegExp(`^${escaped}`) });
}

/** Waits until every listed person's row shows the state in words (Connected, On hold, ...). */
export async function expectStates(page: Page, states: Record<string, string>): Promise<void> {
  for (const [who, state] of Object.entries(states)) {
    await expect(participant(page, who), `${who} is ${state}`).toContainText(state);
  }
}

/** The settings an agent types on a first run. */
export interface TypedSettings {
  phloId: string;
  nodeId: string;
  agentNumber: string;
  defaultCountry?: string;
}

/** Fills the PHLO part of Settings (the view must be shown). */
export async function fillSettings(page: Page, settings: TypedSettings): Promise<void> {
  await page.getByLabel('PHLO ID', { exact: true }).fill(settings.phloId);
  await page.getByLabel('Node ID', { exact: true }).fill(settings.nodeId);
  await page.getByLabel('Your number', { exact: true }).fill(settings.agentNumber);
  if (settings.defaultCountry !== undefined) {
    await page.getByLabel('Default country', { exact: true }).fill(settings.defaultCountry);
  }
}

/** Types the Plivo credentials into Settings (the view must be shown and none saved yet). */
export async function fillCredentials(page: Page, authId: string, authToken: string): Promise<void> {
  await page.getByLabel('Auth ID', { exact: true }).fill(authId);
  const token = page.getByLabel('Auth Token', { exact: true });
  await expect(token).toHaveAttribute('type', 'password');
  await token.fill(authToken);
}

/** Presses Save and waits for the announcement that names what was saved. */
export async function saveSettings(page: Page, what: RegExp = /saved/): Promise<void> {
  await button(page, 'Save').click();
  await expect(announcement(page)).toContainText(what);
}

/** Opens a call with the customer as typed (the Call view must be shown). */
export async function openCall(page: Page, customer: string, name?: string): Promise<void> {
  await page.getByLabel('Customer number', { exact: true }).fill(customer);
  if (name !== undefined) await page.getByLabel('Customer name (optional)').fill(name);
  await button(page, 'Open call').click();
  await expect(participants(page)).toBeVisible();
  await expect(announcement(page)).toContainText('Call opened');
}

/** Types the transfer target (and role, when given) into the transfer panel. */
export async function fillTransfer(page: Page, to: string, role?: 'Agent' | 'Customer'): Promise<void> {
  await page.getByLabel('Transfer to', { exact: true }).fill(to);
  if (role !== undefined) await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
}

/** Every value in the page's form fields. */
export async function fieldValues(page: Page): Promise<string[]> {
  const values: string[] = [];
  for (const field of await page.locator('input, textarea, select').all()) values.push(await field.inputValue());
  return values;
}

/** Starts a warm transfer to the colleague and waits for all three states to show it. */
export async function startWarmTransfer(page: Page, customer: string = CUSTOMER_SHOWN): Promise<void> {
  await fillTransfer(page, COLLEAGUE_SHOWN);
  await button(page, 'Warm transfer').click();
  await expect(announcement(page)).toContainText('Warm transfer started');
  await expectStates(page, { You: 'Consulting', [customer]: 'On hold', [COLLEAGUE_SHOWN]: 'Consulting' });
}

/** Completes the warm transfer under way and waits for the customer to be with the colleague. */
export async function completeTransfer(page: Page, customer: string = CUSTOMER_SHOWN): Promise<void> {
  await button(page, 'Complete transfer').click();
  await expect(announcement(page)).toContainText('Transfer completed');
  await expectStates(page, { You: 'Left', [customer]: 'Connected', [COLLEAGUE_SHOWN]: 'Connected' });
}

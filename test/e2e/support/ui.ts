/**
 * The app as an agent sees it: every control is found by its role and accessible name (issue 3,
 * item 1), so these helpers double as a check that the names are there.
 */
import type { Locator, Page } from '@playwright/test';
import { COLLEAGUE_SHOWN, CUSTOMER_SHOWN, expect, type ConfigureOptions, type Handoff } from './handoff';

/** The header's view switcher. */
export function viewButton(page: Page, name: 'Call' | 'History' | 'Settings'): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
}

/** Shows a view and waits until it is the current one. */
export async function showView(page: Page, name: 'Call' | 'History' | 'Settings'): Promise<void> {
  await viewButton(page, name).click();
  await expect(viewButton(page, name)).toHaveAttribute('aria-current', 'page');
}

/** The header's connection state: its name is the whole sentence (state, reason, when it was checked). */
export function connectionState(page: Page): Locator {
  return page.getByRole('banner').getByRole('button', { name: /^(Plivo|Simulator) / });
}

/** The live region every outcome is announced in. */
export function announcement(page: Page): Locator {
  return page.getByRole('status');
}

/** The question asked when an action's answer was lost, so every spec finds it the same way. */
export function outcomeQuestion(page: Page): Locator {
  return page.getByRole('region', { name: 'Did it go through?' });
}

/** The banner that says the demo, not Plivo, is answering, so every spec finds it the same way. */
export function demoBanner(page: Page): Locator {
  return page.getByRole('region', { name: /^Demo mode/ });
}

/** The banner about a settings.json that was set aside, so every spec finds it the same way. */
export function settingsProblemBanner(page: Page): Locator {
  return page.getByRole('region', { name: 'Your settings need attention' });
}

/** The heading of the warm transfer panel, which shows only while a transfer is under way. */
export function transferUnderWay(page: Page): Locator {
  return page.getByRole('heading', { name: 'Warm transfer under way' });
}

/** A button by its exact accessible name. */
export function button(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name });
}

/** The participant list. */
export function participants(page: Page): Locator {
  return page.getByRole('list', { name: 'Participants' });
}

/** `text` as a regular expression that matches it literally, for matchers that take only a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The row of the participant whose name (or, without one, number) is `who`: rows start with it. */
export function participant(page: Page, who: string): Locator {
  return participants(page).getByRole('listitem').filter({ hasText: new RegExp(`^${escapeRegExp(who)}`) });
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

/** How `onACall` sets up: `configure`'s options, and whether (and under which name) the call is opened. */
interface OnACallOptions extends ConfigureOptions {
  /** False stops at the Call view with no call open, for tests that open it their own way. */
  open?: boolean;
  /** The customer's name typed when opening the call. */
  name?: string;
}

/** Configured, a live call in the simulator, the page on the Call view and the call open: where call tests start. */
export async function onACall(page: Page, handoff: Handoff, options: OnACallOptions = {}): Promise<void> {
  const { open = true, name, ...configure } = options;
  await handoff.configure(configure);
  handoff.startLiveCall();
  await page.goto(handoff.preview.url);
  await expect(viewButton(page, 'Call')).toHaveAttribute('aria-current', 'page');
  if (!open) return;
  await openCall(page, CUSTOMER_SHOWN, name);
  await expectStates(page, { You: 'Connected', [name ?? CUSTOMER_SHOWN]: 'Connected' });
  // Opening starts a reachability check (a read): a fault a test queues next must meet its own action.
  await handoff.core.checksSettled();
}

/** One request the page sent the core over the bridge. */
interface BridgeRequest {
  channel: string;
  payload: unknown;
}

/** Records every request the page sends the core, in order, so a test can check what was (never) asked. */
export function recordBridge(page: Page): BridgeRequest[] {
  const sent: BridgeRequest[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/bridge/invoke')) return;
    const message = JSON.parse(request.postData() ?? '{}') as { channel?: string; payload?: unknown };
    sent.push({ channel: message.channel ?? '', payload: message.payload });
  });
  return sent;
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
  await expectStates(page, { You: 'Consulting', [customer]: 'On hold', [COLLEAGUE_SHOWN]: 'Called' });
}

/** Completes the warm transfer under way and waits for the customer to be with the colleague. */
export async function completeTransfer(page: Page, customer: string = CUSTOMER_SHOWN): Promise<void> {
  await button(page, 'Complete transfer').click();
  await expect(announcement(page)).toContainText('Transfer completed');
  await expectStates(page, { You: 'Left', [customer]: 'Connected', [COLLEAGUE_SHOWN]: 'Connected' });
}

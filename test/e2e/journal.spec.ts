/**
 * Handoff killed mid-call (SIGKILL: no chance to tidy up) and started again on the same data folder:
 * the call comes back from the journal as it was, says it was restored, and History and its CSV
 * export list the action with Plivo's request id. A kill while a request is in flight comes back as
 * "Did it go through?", and the request is never sent again. The preview runs as a real child
 * process against a simulator in this process, which outlives it as Plivo would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../main/simulator/server';
import { AGENT, COLLEAGUE, COLLEAGUE_SHOWN, CUSTOMER, CUSTOMER_SHOWN, expect, needsKeyring, test } from './support/handoff';
import { screenshotBothSchemes } from './support/files';
import { exited, startPreviewCli, type PreviewCli } from './support/preview-cli';
import {
  announcement,
  button,
  expectStates,
  fillTransfer,
  openCall,
  outcomeQuestion,
  showView,
  startWarmTransfer,
  transferUnderWay,
} from './support/ui';

const RESTORED = 'Restored after Handoff closed unexpectedly';

/** One agent's machine: a data folder, a policy folder, a keychain service of its own, and "Plivo". */
interface Machine {
  sim: Simulator;
  dataDir: string;
  policyDir: string;
  service: string;
  authToken: string;
  start(): Promise<PreviewCli>;
}

async function machine(settings: Record<string, unknown> = {}): Promise<Machine> {
  needsKeyring();
  const authToken = `e2eToken${randomBytes(12).toString('hex')}`;
  const sim = await startSimulator({ authToken });
  const dataDir = await mkdtemp(join(tmpdir(), 'handoff-journal-e2e-'));
  const policyDir = await mkdtemp(join(tmpdir(), 'handoff-journal-e2e-policy-'));
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT, ...settings }));
  const service = `Handoff test ${randomUUID()}`;
  return {
    sim,
    dataDir,
    policyDir,
    service,
    authToken,
    start: () =>
      startPreviewCli({
        HANDOFF_DATA_DIR: dataDir,
        HANDOFF_POLICY_DIR: policyDir,
        HANDOFF_PHLO_BASE_URL: sim.baseUrl,
        HANDOFF_KEYCHAIN_SERVICE: service,
      }),
  };
}

/** Saves the simulator's credentials through the page's own bridge, then shows the Call view ready for a call. */
/** The PHLO actions the simulator received: reachability reads are left out. */
function actions(m: Machine) {
  return m.sim.requests().filter((r) => r.method === 'POST');
}

async function signIn(page: Page, preview: PreviewCli, m: Machine): Promise<void> {
  await page.goto(preview.url);
  // A string, as the page's global is not in this (Node) project's types.
  const saved = await page.evaluate<unknown>(
    `window.handoff.credentials.save(${JSON.stringify({ authId: m.sim.authId, authToken: m.authToken })})`,
  );
  expect(saved).toMatchObject({ ok: true });
  await page.reload();
  await showView(page, 'Call');
}

/** Kills the preview as a crash would, and waits until it is gone. */
async function crash(preview: PreviewCli): Promise<void> {
  preview.child.kill('SIGKILL');
  expect(await exited(preview.child, 5_000)).toBe('SIGKILL');
}

async function cleanUp(page: Page, m: Machine, preview: PreviewCli | null): Promise<void> {
  // Only this test's own keychain service: the agent's real entry is never touched.
  if (preview !== null && preview.child.exitCode === null && preview.child.signalCode === null) {
    await page.evaluate('window.handoff.credentials.clear()').catch(() => undefined);
  }
  await preview?.kill();
  await m.sim.close();
  await rm(m.dataDir, { recursive: true, force: true });
  await rm(m.policyDir, { recursive: true, force: true });
}

/** Plivo's request id for the accepted action, as the journal on disk holds it. */
async function acceptedApiId(dataDir: string): Promise<string> {
  const folder = join(dataDir, 'journal');
  const text = (await Promise.all((await readdir(folder)).map((name) => readFile(join(folder, name), 'utf8')))).join('');
  const accepted = text.split('\n').filter((line) => line.includes('"type":"accepted"'));
  expect(accepted).toHaveLength(1);
  return (JSON.parse(accepted[0] ?? '{}') as { apiId: string }).apiId;
}

test('killed during a warm transfer: the restart restores the call, History lists it with its api_id, and the CSV has it', async ({ page }) => {
  const m = await machine();
  let preview: PreviewCli | null = await m.start();
  try {
    await signIn(page, preview, m);
    m.sim.createCall(AGENT, CUSTOMER);
    await openCall(page, CUSTOMER_SHOWN);
    await startWarmTransfer(page);
    await crash(preview);

    preview = await m.start();
    await page.goto(preview.url);
    await expect(page.getByRole('region', { name: 'Call restored' })).toContainText(RESTORED);
    await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold', [COLLEAGUE_SHOWN]: 'Called' });
    await expect(transferUnderWay(page)).toBeVisible();

    const apiId = await acceptedApiId(m.dataDir);
    // The narrowest side panel: the three views still fit the header, and History its width.
    await page.setViewportSize({ width: 320, height: 640 });
    await showView(page, 'History');
    const row = page.getByRole('list', { name: 'Actions' }).getByRole('listitem').filter({ hasText: 'Warm transfer' });
    await expect(row).toContainText('Went through');
    await expect(row).toContainText(COLLEAGUE);
    await expect(row).toContainText(apiId);
    await screenshotBothSchemes(page, 'history-320');
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(320);

    const download = page.waitForEvent('download');
    await button(page, 'Export CSV').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^handoff-history-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await file.path(), 'utf8');
    // With a byte-order mark, so Excel reads it as UTF-8 in any language.
    expect(csv.split('\r\n')[0]).toBe('\ufefftime,action,target,outcome,api_id,code,agent_said');
    expect(csv).toContain(`,warm_transfer,'${COLLEAGUE},accepted,${apiId},,`);

    // Taking the call up again ends the notice; completing sends exactly the one request it should.
    await showView(page, 'Call');
    await button(page, 'Complete transfer').click();
    await expect(announcement(page)).toContainText('Transfer completed');
    await expect(page.getByRole('region', { name: 'Call restored' })).toHaveCount(0);
    expect(actions(m).map((r) => (r.body as { action: string }).action)).toEqual(['warm_transfer', 'hangup']);
  } finally {
    await cleanUp(page, m, preview);
  }
});

test('killed while a request is in flight: the restart asks "Did it go through?", and nothing is sent again', async ({ page }) => {
  const m = await machine({ requestTimeoutMs: 20000 });
  let preview: PreviewCli | null = await m.start();
  try {
    await signIn(page, preview, m);
    m.sim.createCall(AGENT, CUSTOMER);
    const reads = m.sim.requests().filter((r) => r.method === 'GET').length;
    await openCall(page, CUSTOMER_SHOWN);
    // Open call reads the node to check Plivo answers; the fault must meet the action, not that read.
    await expect.poll(() => m.sim.requests().filter((r) => r.method === 'GET' && r.status !== null).length).toBeGreaterThan(reads);
    await fillTransfer(page, COLLEAGUE_SHOWN);
    m.sim.injectFault({ kind: 'delay', ms: 15_000 });
    await button(page, 'Warm transfer').click();
    await expect.poll(() => actions(m).length).toBe(1);
    await crash(preview);

    preview = await m.start();
    await page.goto(preview.url);
    await expect(page.getByRole('region', { name: 'Call restored' })).toBeVisible();
    const question = outcomeQuestion(page);
    await expect(question).toBeVisible();
    await expect(question).toContainText('Handoff closed before Plivo answered.');
    await expectStates(page, { You: 'Connected', [CUSTOMER_SHOWN]: 'Connected' });

    await button(question, 'It went through').click();
    await expect(transferUnderWay(page)).toBeVisible();
    await expectStates(page, { You: 'Consulting', [CUSTOMER_SHOWN]: 'On hold', [COLLEAGUE_SHOWN]: 'Called' });
    // One action, ever: the restart resent nothing, and saying so sent nothing.
    expect(actions(m)).toHaveLength(1);

    await showView(page, 'History');
    await expect(page.getByRole('list', { name: 'Actions' }).getByRole('listitem').filter({ hasText: 'Warm transfer' })).toContainText(
      'Unknown: you said it went through',
    );
  } finally {
    await cleanUp(page, m, preview);
  }
});

/**
 * The built Electron app itself: launched by Playwright, sandboxed, doing a warm transfer against
 * the simulator, and the desk around it (handoff: links, the tray, remembered bounds). Where Electron's binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as
 * on this project's CI) or there is no display, the test is skipped and says why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import { loadKeytar } from '../../main/credentials/keychain';
import { startSimulator } from '../../main/simulator/server';
import { ROOT, RENDERER_DIR, requireBuild } from './support/build';
import { AGENT, AGENT_TYPED, CUSTOMER, CUSTOMER_SHOWN, needsKeyring } from './support/handoff';
import {
  announcement,
  button,
  completeTransfer,
  expectStates,
  fillCredentials,
  fillSettings,
  openCall,
  saveSettings,
  showView,
  startWarmTransfer,
  viewButton,
} from './support/ui';

/**
 * Electron's executable, or why there is none. Never `require('electron')`: with the binary
 * missing, that tries to download it (and hangs or fails on a network that cannot reach GitHub).
 */
function findElectron(): { executable: string } | { missing: string } {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return { missing: 'the electron package is not installed' };
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'Electron\'s binary is absent (node_modules/electron/path.txt is missing: it was installed with ' +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1). Install it with `npx install-electron` where GitHub is reachable.',
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const executable = override === undefined ? join(packageDir, 'dist', relative) : join(override, relative);
  return existsSync(executable) ? { executable } : { missing: `Electron's binary ${executable} is missing.` };
}

function onPath(name: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** A display for Electron on Linux: the one there is, or a private Xvfb; null with the reason when neither. */
async function display(): Promise<{ env: Record<string, string>; stop: () => void } | { missing: string }> {
  if (process.platform !== 'linux') return { env: {}, stop: () => undefined };
  const existing = process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY'];
  if (existing !== undefined && existing !== '') return { env: {}, stop: () => undefined };
  // test/run-with-keyring.mjs removes DISPLAY on purpose (no keyring prompt may wait for a click), so
  // a virtual one is started for Electron alone.
  const xvfb = onPath('Xvfb');
  if (xvfb === null) {
    return { missing: 'there is no display (DISPLAY is unset) and Xvfb is not installed (Debian: apt-get install xvfb).' };
  }
  const number = 90 + Math.floor(Math.random() * 400);
  const server: ChildProcess = spawn(xvfb, [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await expect.poll(() => existsSync(`/tmp/.X11-unix/X${number}`), { timeout: 10_000 }).toBe(true);
  return { env: { DISPLAY: `:${number}` }, stop: () => server.kill('SIGTERM') };
}

/** Electron's binary and a display, or null after skipping the test with the reason printed. */
async function electronOrSkip(): Promise<{ executable: string; screen: { env: Record<string, string>; stop: () => void } } | null> {
  const electron = findElectron();
  if ('missing' in electron) {
    const reason = `Electron test SKIPPED: ${electron.missing}`;
    console.warn(reason);
    test.skip(true, reason);
    return null;
  }
  requireBuild([join(ROOT, 'out', 'main', 'index.js'), join(ROOT, 'out', 'preload', 'index.cjs'), join(RENDERER_DIR, 'index.html')]);
  const screen = await display();
  if ('missing' in screen) {
    const reason = `Electron test SKIPPED: ${screen.missing}`;
    console.warn(reason);
    test.skip(true, reason);
    return null;
  }
  return { executable: electron.executable, screen };
}

test('the Electron app: sandboxed page, and a warm transfer against the simulator', async () => {
  const found = await electronOrSkip();
  if (found === null) return;
  needsKeyring();
  const { executable, screen } = found;

  const sim = await startSimulator();
  const dataDir = await mkdtemp(join(tmpdir(), 'handoff-electron-'));
  // A keychain service of this test's own, so the agent's real entry is never read or overwritten.
  const service = `Handoff test ${randomUUID()}`;
  const app = await _electron.launch({
    executablePath: executable,
    args: ['.'],
    cwd: ROOT,
    env: {
      ...process.env,
      ...screen.env,
      HANDOFF_DATA_DIR: dataDir,
      HANDOFF_PHLO_BASE_URL: sim.baseUrl,
      HANDOFF_KEYCHAIN_SERVICE: service,
    },
  });
  try {
    const page = await app.firstWindow();
    await expect(viewButton(page, 'Settings')).toHaveAttribute('aria-current', 'page');

    // The page has the preload's one global and nothing of Node's.
    expect(await page.evaluate('typeof window.handoff')).toBe('object');
    expect(await page.evaluate('typeof window.handoff.call.warmTransfer')).toBe('function');
    expect(await page.evaluate('typeof window.require')).toBe('undefined');
    expect(await page.evaluate('typeof process')).toBe('undefined');
    expect(await page.evaluate('typeof window.ipcRenderer')).toBe('undefined');
    expect(await page.evaluate('typeof module')).toBe('undefined');
    expect(page.url()).toBe('app://handoff/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // The renderer may not leave the app: window.open is denied.
    expect(await page.evaluate('window.open("https://example.com/") === null')).toBe(true);
    expect(app.windows()).toHaveLength(1);

    await fillSettings(page, { phloId: sim.phloId, nodeId: sim.nodeId, agentNumber: AGENT_TYPED });
    await fillCredentials(page, sim.authId, sim.authToken);
    await saveSettings(page, /Settings and credentials saved/);
    await button(page, 'Test connection').click();
    await expect(announcement(page)).toContainText('Connection works');

    await showView(page, 'Call');
    sim.createCall(AGENT, CUSTOMER);
    await openCall(page, CUSTOMER_SHOWN);
    await startWarmTransfer(page);
    await completeTransfer(page);
    expect(sim.requests().filter((r) => r.method === 'POST').map((r) => (r.body as { action: string }).action)).toEqual([
      'warm_transfer',
      'hangup',
    ]);

    await showView(page, 'Settings');
    await button(page, 'Forget credentials').click();
    await expect(announcement(page)).toContainText('Credentials forgotten');
  } finally {
    await app.close();
    // Whatever the test got to, nothing of it stays in the keychain.
    const keytar = await loadKeytar();
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
    screen.stop();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the Electron app: handoff: links (command line, second instance), hiding to the tray, remembered bounds', async () => {
  const found = await electronOrSkip();
  if (found === null) return;
  const { executable, screen } = found;
  const sim = await startSimulator();
  const dataDir = await mkdtemp(join(tmpdir(), 'handoff-electron-'));
  const policyDir = await mkdtemp(join(tmpdir(), 'handoff-electron-policy-'));
  // Opening a call needs the settings only (nothing is sent), so no keychain is involved here.
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT }));
  const env = { ...process.env, ...screen.env, HANDOFF_DATA_DIR: dataDir, HANDOFF_POLICY_DIR: policyDir, HANDOFF_PHLO_BASE_URL: sim.baseUrl };
  const launch = (args: string[]) => _electron.launch({ executablePath: executable, args: ['.', ...args], cwd: ROOT, env });
  let app = await launch(['handoff://call?to=%2B14155550100&name=Ada%20Lovelace']);
  try {
    let page = await app.firstWindow();
    // The link on the command line opened its call.
    await expectStates(page, { You: 'Connected', 'Ada Lovelace': 'Connected' });

    // A second Handoff hands its link to this one and quits; this one asks before replacing the call.
    const second = spawn(executable, ['.', 'handoff://call?to=%2B14152224444&name=Grace%20Hopper'], { cwd: ROOT, env, stdio: 'ignore' });
    await expect.poll(() => second.exitCode, { timeout: 10_000 }).toBe(0);
    await expect(page.getByRole('region', { name: 'Open the new call?' })).toContainText(/Ada Lovelace.*Grace Hopper/);
    await button(page, 'Keep the current call').click();

    // Closing the window with a call open hides it to the tray instead of quitting.
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 50, width: 500, height: 700 });
    });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);

    // Quitting saves where the window was; the next start puts it back there.
    await app.close();
    app = await launch([]);
    page = await app.firstWindow();
    await expect(viewButton(page, 'Call')).toBeVisible();
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds());
    expect(bounds).toMatchObject({ width: 500, height: 700 });
  } finally {
    await app.close();
    screen.stop();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(policyDir, { recursive: true, force: true });
  }
});

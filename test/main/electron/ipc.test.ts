import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../main/contract/ipc';
import type { Result } from '../../../main/contract/result';
import type { Core } from '../../../main/core';
import { registerChannels } from '../../../main/electron/ipc';
import { createLogger } from '../../../main/log/logger';
import { english } from '../../support/english';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

// The only fake here: Electron's ipcMain and window cannot exist without Electron's binary.
function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return { handlers, ipc: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } };
}

let dataDir: string;
let calls: string[];
let core: Core;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'handoff-ipc-'));
  calls = [];
  const handlers = new Proxy({}, { get: (_t, channel: string) => () => (calls.push(channel), { ok: true, value: channel }) });
  core = { handlers, logger: createLogger({ dataDir }) } as unknown as Core;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function scene() {
  const mainFrame = { url: 'app://handoff/index.html' };
  const webContents = { mainFrame };
  return { window: { webContents, isDestroyed: () => false }, event: { sender: webContents, senderFrame: mainFrame } };
}

describe('registerChannels', () => {
  it('registers every channel of the contract and nothing else', () => {
    const { ipc, handlers } = fakeIpc();
    registerChannels(ipc as never, core, () => null);
    expect([...handlers.keys()].sort()).toEqual(Object.keys(CHANNELS).sort());
  });

  it('runs a request from the app\'s window through the contract\'s schema', async () => {
    const { ipc, handlers } = fakeIpc();
    const { window, event } = scene();
    registerChannels(ipc as never, core, () => window as never);
    expect(await handlers.get('session:get')?.(event, undefined)).toEqual({ ok: true, value: 'session:get' });
    expect(await handlers.get('call:hold')?.(event, { participantId: 7 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual(['session:get']);
  });

  it('refuses and logs a request from another window or frame, before parsing it', async () => {
    const { ipc, handlers } = fakeIpc();
    const { window, event } = scene();
    registerChannels(ipc as never, core, () => window as never);
    const other = scene().event;
    const subframe = { ...event, senderFrame: { url: 'app://handoff/index.html' } };
    for (const sender of [other, subframe]) {
      const refused = (await handlers.get('call:warm-transfer')?.(sender, { to: '+14152225555' })) as Result<unknown>;
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(refused.ok ? null : english(refused.error.message)).toBe('Refused: the request did not come from Handoff\'s window.');
    }
    expect(calls).toEqual([]);
    const log = await readFile(join(dataDir, 'logs', 'handoff.log'), 'utf8');
    expect(log).toContain('refused an IPC request');
    expect(log).toContain('unknown_window');
    expect(log).toContain('not_top_frame');
  });
});

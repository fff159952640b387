/**
 * The call session with its journal: every action durable before it leaves, and a restart that
 * rebuilds the call exactly, asks about an action with no known outcome, and never resends it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ofetch } from 'ofetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../main/settings/settings-store';
import type { Settings } from '../../../main/contract/domain';
import { historyDay, historyExport } from '../../../main/journal/history';
import { createJournal, type Journal, type JournalWriter } from '../../../main/journal/journal';
import type { JournalFs } from '../../../main/journal/journal-files';
import { restoreCall } from '../../../main/journal/restore';
import { createLogger } from '../../../main/log/logger';
import { createPhloClient } from '../../../main/phlo/phlo-client';
import { createCallSession, type CallSession } from '../../../main/session/call-session';
import { startSimulator, type Simulator } from '../../../main/simulator/server';
import { englishWords } from '../../support/english';
import { AGENT, COLLEAGUE, CUSTOMER } from '../../support/numbers';

let sim: Simulator;
let dataDir: string;
let clock: Date;
let journal: Journal;
const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });

function settings(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    phloId: sim.phloId,
    nodeId: sim.nodeId,
    agentAddress: AGENT,
    defaultRole: 'agent',
    defaultCountry: 'US',
    phloBaseUrl: sim.baseUrl,
    requestTimeoutMs: 1000,
    allowDemo: true,
    journalRetentionDays: 90,
  };
}

/** A session as the live profile builds it; `restart` gives the next run, restored from the journal. */
function session(writer: JournalWriter = journal): CallSession {
  return createCallSession({
    settings: { current: settings, effectivePhloBaseUrl: () => sim.baseUrl },
    credentials: { use: (fn) => fn({ authId: sim.authId, authToken: sim.authToken }) },
    phlo: createPhloClient(ofetch, logger),
    logger,
    now: () => clock,
    journal: writer,
    restored: restoreCall(journal.readAll().entries),
  });
}
const restart = () => session();
const tick = () => {
  clock = new Date(clock.getTime() + 7000);
};

function id(s: CallSession, address: string): string {
  const found = s.snapshot()?.participants.find((p) => p.address === address);
  if (found === undefined) throw new Error(`${address} is not on the call`);
  return found.id;
}

beforeEach(async () => {
  sim = await startSimulator();
  dataDir = await mkdtemp(join(tmpdir(), 'handoff-journalled-'));
  clock = new Date('2026-12-05T10:00:00Z');
  journal = createJournal({ dataDir, logger, now: () => clock });
  sim.createCall(AGENT, CUSTOMER);
});
afterEach(() => sim.close());

function opened(): CallSession {
  const s = session();
  expect(s.open({ customer: CUSTOMER, label: 'Dana' }).ok).toBe(true);
  tick();
  return s;
}

describe('a restart rebuilds the call exactly', () => {
  const scenarios: [string, (s: CallSession) => Promise<unknown>][] = [
    ['just opened', () => Promise.resolve()],
    ['a warm transfer under way', (s) => s.warmTransfer({ to: COLLEAGUE, label: 'Sam' })],
    ['the customer on hold', (s) => s.hold(id(s, CUSTOMER))],
    ['a cold transfer (the agent left)', (s) => s.coldTransfer({ to: COLLEAGUE })],
    ['someone added', (s) => s.addParticipant({ to: COLLEAGUE })],
    [
      'a merged warm transfer',
      async (s) => {
        await s.warmTransfer({ to: COLLEAGUE });
        tick();
        await s.mergeTransfer();
      },
    ],
    [
      'held, then taken off hold',
      async (s) => {
        await s.hold(id(s, CUSTOMER));
        tick();
        await s.unhold(id(s, CUSTOMER));
      },
    ],
  ];

  it.each(scenarios)('%s: participants, states, since stamps and transfer', async (_name, act) => {
    const before = opened();
    await act(before);
    tick();
    const after = restart();
    expect(after.snapshot()).toEqual({ ...before.snapshot(), restored: true });
    expect(after.snapshot()?.unconfirmed).toBeNull();
  });

  it('restores nothing after a clean close', async () => {
    const before = opened();
    await before.hold(id(before, CUSTOMER));
    expect(before.end({ force: true }).ok).toBe(true);
    expect(restart().snapshot()).toBeNull();
  });

  it('restores the last call left open, not an earlier one closed cleanly', () => {
    const first = opened();
    first.end();
    const second = session();
    second.open({ customer: '+14152226666' });
    expect(restart().snapshot()?.participants.map((p) => p.address)).toEqual([AGENT, '+14152226666']);
  });

  it('restores a call that spans midnight (two day files)', async () => {
    clock = new Date(2026, 11, 5, 23, 59, 50);
    const before = opened();
    clock = new Date(2026, 11, 6, 0, 0, 5);
    await before.warmTransfer({ to: COLLEAGUE });
    expect(journal.days()).toHaveLength(2);
    expect(restart().snapshot()).toEqual({ ...before.snapshot(), restored: true });
  });

  it('the restored notice goes once the agent acts, or dismisses it', async () => {
    opened();
    const after = restart();
    expect(after.dismissRestored()).toMatchObject({ ok: true, value: { restored: false } });
    const again = restart();
    await again.hold(id(again, CUSTOMER));
    expect(again.snapshot()?.restored).toBe(false);
  });
});

describe('an action with no known outcome', () => {
  it('a lost answer (timeout) comes back as "Did it go through?", and "It went through" applies it without resending', async () => {
    const before = opened();
    sim.injectFault({ kind: 'delay', ms: 3000 });
    await before.warmTransfer({ to: COLLEAGUE });
    expect(before.snapshot()?.unconfirmed).toMatchObject({ action: 'warm_transfer', failure: { code: 'timeout' } });
    const after = restart();
    expect(after.snapshot()?.unconfirmed).toEqual(before.snapshot()?.unconfirmed);
    const went = before.confirmOutcome(true);
    const restoredWent = after.confirmOutcome(true);
    expect(restoredWent).toEqual(went);
    expect(sim.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
    // The answer is journalled too: the next start asks nothing.
    expect(restart().snapshot()?.unconfirmed).toBeNull();
    expect(restart().snapshot()?.transfer).not.toBeNull();
  });

  it('an intent journalled with no outcome (Handoff died mid-request) asks, and "It did not go through" keeps the call', async () => {
    const before = opened();
    // A journal that stops after the intent, as a process killed while the request was in flight would.
    let written = 0;
    const dying: JournalWriter = {
      write(entries) {
        written += 1;
        return written === 1 ? journal.write(entries) : { ok: true, value: null };
      },
    };
    const doomed = session(dying);
    await doomed.warmTransfer({ to: COLLEAGUE });
    const after = restart();
    expect(after.snapshot()?.unconfirmed).toMatchObject({ action: 'warm_transfer', failure: { code: 'interrupted' } });
    expect(after.snapshot()?.participants).toEqual(before.snapshot()?.participants);
    // Every other action waits for the agent's word, and nothing is sent again.
    expect(await after.hold(id(after, CUSTOMER))).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(after.confirmOutcome(false)).toMatchObject({ ok: true, value: { unconfirmed: null, participants: before.snapshot()?.participants } });
    expect(sim.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(restart().snapshot()?.unconfirmed).toBeNull();
  });

  it('"It went through" after a restart draws what the journalled command leads to, stamped when it was sent', async () => {
    opened();
    const sentAt = clock.toISOString();
    let written = 0;
    const dying: JournalWriter = {
      write(entries) {
        written += 1;
        return written === 1 ? journal.write(entries) : { ok: true, value: null };
      },
    };
    await session(dying).warmTransfer({ to: COLLEAGUE });
    tick();
    const result = restart().confirmOutcome(true);
    expect(result.ok && result.value.participants.map((p) => [p.state, p.since])).toEqual([
      ['consulting', sentAt],
      ['on_hold', sentAt],
      ['consulting', sentAt],
    ]);
  });
});

describe('durable before it leaves', () => {
  it('flushes the intent (fsync) before the request reaches Plivo', async () => {
    const seen: number[] = [];
    const spying: JournalFs = {
      ...fs,
      fsyncSync: (fd) => {
        seen.push(sim.requests().length);
        fs.fsyncSync(fd);
      },
    };
    journal = createJournal({ dataDir, logger, now: () => clock, fs: spying });
    const s = opened();
    seen.length = 0;
    await s.warmTransfer({ to: COLLEAGUE });
    // The intent's fsync ran with no request sent yet; the outcome waits for the next intent's.
    expect(seen).toEqual([0]);
    expect(sim.requests()).toHaveLength(1);
  });

  it.each(['ENOSPC', 'EROFS'])('a journal that cannot be written (%s) refuses the action before anything is sent', async (code) => {
    const s = opened();
    const before = s.snapshot();
    const failing: JournalFs = {
      ...fs,
      writeSync: () => {
        throw Object.assign(new Error(`${code}: no way to write`), { code });
      },
    };
    journal = createJournal({ dataDir, logger, now: () => clock, fs: failing });
    const blocked = session();
    const result = await blocked.warmTransfer({ to: COLLEAGUE });
    expect(result).toMatchObject({ ok: false, error: { code: 'journal_unavailable' } });
    if (!result.ok) expect(result.error.message).toContain(code);
    expect(sim.requests()).toHaveLength(0);
    expect(blocked.snapshot()).toEqual({ ...before, restored: true });
    expect(blocked.snapshot()?.pending).toBeNull();
  });

  it('a read-only data folder refuses the action before it is sent (as an agent\'s uid, not root)', async () => {
    // root writes anywhere: the check runs as an unprivileged user, as an agent's Handoff would.
    const asAgent = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    await chmod(dataDir, 0o777);
    await chmod(join(dataDir, '..'), 0o755);
    const script = `
      const { chmodSync, readdirSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { ofetch } = await import('ofetch');
      const root = ${JSON.stringify(join(import.meta.dirname, '../../../main'))};
      const { createJournal } = await import(join(root, 'journal/journal.ts'));
      const { createCallSession } = await import(join(root, 'session/call-session.ts'));
      const { createPhloClient } = await import(join(root, 'phlo/phlo-client.ts'));
      const { createLogger } = await import(join(root, 'log/logger.ts'));
      const { startSimulator } = await import(join(root, 'simulator/server.ts'));
      const dataDir = ${JSON.stringify(dataDir)};
      const sim = await startSimulator();
      sim.createCall(${JSON.stringify(AGENT)}, ${JSON.stringify(CUSTOMER)});
      const logger = createLogger({ dataDir, level: 'silent' });
      const journal = createJournal({ dataDir, logger, now: () => new Date() });
      const settings = { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: ${JSON.stringify(AGENT)}, defaultRole: 'agent',
        defaultCountry: 'US', phloBaseUrl: sim.baseUrl, requestTimeoutMs: 2000, allowDemo: true, journalRetentionDays: 90 };
      const session = createCallSession({ settings: { current: () => settings, effectivePhloBaseUrl: () => sim.baseUrl },
        credentials: { use: (fn) => fn({ authId: sim.authId, authToken: sim.authToken }) },
        phlo: createPhloClient(ofetch, logger), logger, now: () => new Date(), journal });
      const opened = session.open({ customer: ${JSON.stringify(CUSTOMER)} });
      const dir = join(dataDir, 'journal');
      for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o444);
      chmodSync(dir, 0o555);
      // The next start, on a data folder it may no longer write to.
      const { restoreCall } = await import(join(root, 'journal/restore.ts'));
      const reopened = createJournal({ dataDir, logger, now: () => new Date() });
      const restarted = createCallSession({ settings: { current: () => settings, effectivePhloBaseUrl: () => sim.baseUrl },
        credentials: { use: (fn) => fn({ authId: sim.authId, authToken: sim.authToken }) },
        phlo: createPhloClient(ofetch, logger), logger, now: () => new Date(), journal: reopened,
        restored: restoreCall(reopened.readAll().entries) });
      const result = await restarted.warmTransfer({ to: ${JSON.stringify(COLLEAGUE)} });
      process.stdout.write(JSON.stringify({ opened: opened.ok, restored: restarted.snapshot() !== null, result, requests: sim.requests().length }));
      await sim.close();
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      ...asAgent,
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    const answer = JSON.parse(output) as { opened: boolean; restored: boolean; result: { ok: boolean; error?: { code: string; message: string } }; requests: number };
    expect(answer.opened).toBe(true);
    expect(answer.restored).toBe(true);
    expect(answer.result).toMatchObject({ ok: false, error: { code: 'journal_unavailable' } });
    expect(answer.result.error?.message).toMatch(/EACCES/);
    expect(answer.requests).toBe(0);
  });
});

describe('History', () => {
  it('lists each action of the day with its target, outcome, api_id and what the agent said', async () => {
    const s = opened();
    const warm = await s.warmTransfer({ to: COLLEAGUE, label: 'Sam' });
    tick();
    sim.injectFault({ kind: 'status', status: 400, body: JSON.stringify({ api_id: 'refused-1', error: 'no' }) });
    await s.cancelTransfer();
    sim.injectFault({ kind: 'delay', ms: 3000 });
    await s.cancelTransfer();
    s.confirmOutcome(false);
    const day = historyDay(journal, '2026-12-05');
    expect(day.ok && day.value).toMatchObject({ days: ['2026-12-05'], day: '2026-12-05', skippedLines: 0 });
    expect(day.ok && day.value.rows).toMatchObject([
      { action: 'warm_transfer', target: `Sam (${COLLEAGUE})`, outcome: 'accepted', apiId: warm.ok ? warm.value.apiId : '', code: null, agentSaid: null },
      { action: 'cancel_transfer', target: `Sam (${COLLEAGUE})`, outcome: 'failed', code: 'rejected' },
      { action: 'cancel_transfer', outcome: 'uncertain', code: 'timeout', agentSaid: false },
    ]);
    expect(historyDay(journal, '2026-12-04')).toMatchObject({ ok: true, value: { days: ['2026-12-04', '2026-12-05'], rows: [] } });
    const csv = historyExport(journal, '2026-12-05', '2026-12-05', englishWords);
    expect(csv.ok && csv.value.fileName).toBe('handoff-history-2026-12-05-to-2026-12-05.csv');
    expect(csv.ok && csv.value.csv.split('\r\n')[1]).toContain(`warm_transfer,Sam (${COLLEAGUE}),accepted,${warm.ok ? warm.value.apiId : ''}`);
    expect(historyExport(journal, '2026-12-06', '2026-12-05', englishWords)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('never holds the Auth Token or the Auth ID', async () => {
    const s = opened();
    await s.warmTransfer({ to: COLLEAGUE });
    const text = fs.readdirSync(join(dataDir, 'journal')).map((name) => fs.readFileSync(join(dataDir, 'journal', name), 'utf8')).join('');
    expect(text).toContain(COLLEAGUE);
    expect(text).not.toContain(sim.authToken);
    expect(text).not.toContain(sim.authId);
  });
});

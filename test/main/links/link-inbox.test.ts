import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ofetch } from 'ofetch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkNotice, Settings } from '../../../main/contract/domain';
import { createLinkInbox, type LinkInbox } from '../../../main/links/link-inbox';
import { STORM_TIMING } from '../../../main/links/link-storm';
import { createLogger } from '../../../main/log/logger';
import { createPhloClient } from '../../../main/phlo/phlo-client';
import { createCallSession, type CallSession } from '../../../main/session/call-session';
import { DEFAULT_SETTINGS } from '../../../main/settings/settings-store';
import { text } from '../../../main/contract/text';
import { english } from '../../support/english';

const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  phloId: '73d6ab01-a2f6-4a84-850f-21e1d46b30bf',
  nodeId: 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a',
  agentAddress: '+14152223333',
};
const ADA = 'handoff://call?to=%2B14155550100&name=Ada%20Lovelace';
/** What the agent reads for a notice. */
const said = (notice: LinkNotice | null | undefined) => (notice == null ? null : english(notice.message));

let session: CallSession;
let inbox: LinkInbox;
let notices: (LinkNotice | null)[];

beforeEach(() => {
  vi.useFakeTimers();
  // Opening a call sends nothing to Plivo, so no PHLO server is needed for these.
  session = createCallSession({
    settings: { current: () => settings, effectivePhloBaseUrl: () => 'http://127.0.0.1:9/' },
    credentials: { use: (fn) => fn({ authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 'token' }) },
    phlo: createPhloClient(ofetch, logger),
    logger,
    now: () => new Date(),
  });
  notices = [];
  inbox = createLinkInbox({ session: () => session, defaultCountry: () => 'US', logger, publish: (n) => notices.push(n) });
});
afterEach(() => {
  inbox.stop();
  vi.useRealTimers();
});

describe('the link inbox', () => {
  it('opens a lone call link when no call is open, and says so', () => {
    void inbox.deliver(ADA);
    vi.advanceTimersByTime(STORM_TIMING.quietMs);
    expect(session.snapshot()?.participants.find((p) => p.kind === 'customer')).toMatchObject({ address: '+14155550100', label: 'Ada Lovelace' });
    expect(notices).toEqual([expect.objectContaining({ kind: 'opened', ignored: 0 })]);
  });

  it('coalesces 100 links in a second into one question, and opens no call by itself', () => {
    for (let i = 0; i < 100; i += 1) {
      void inbox.deliver(`handoff://call?to=%2B1415555${String(1000 + i)}`);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(STORM_TIMING.maxMs);
    expect(session.snapshot()).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'ask', ignored: 99, link: { to: '+14155551099' } });
    expect(said(notices[0])).toMatch(/99 other links .* were ignored/);
  });

  it('a storm over an open call changes nothing until the agent answers; their answer opens the last link', () => {
    session.open({ customer: '+14152224444', label: 'Grace Hopper' });
    const before = session.snapshot();
    for (let i = 0; i < 100; i += 1) void inbox.deliver(i === 99 ? ADA : `handoff://call?to=%2B1415555${String(1000 + i)}`);
    vi.advanceTimersByTime(STORM_TIMING.maxMs);
    expect(session.snapshot()).toBe(before);
    const [question] = notices;
    expect(question).toMatchObject({ kind: 'ask', ignored: 99 });
    expect(said(question)).toMatch(/Open the new call\?.*Grace Hopper.*Ada Lovelace/);
    expect(inbox.current()).toEqual(question);

    const opened = inbox.answer(question?.id ?? '', true);
    expect(opened).toMatchObject({ ok: true, value: { participants: [{ kind: 'self' }, { label: 'Ada Lovelace' }] } });
    expect(inbox.current()).toBeNull();
    expect(notices.at(-1)).toBeNull();
  });

  it('keeps the call when the agent says no, and refuses a stale answer', () => {
    session.open({ customer: '+14152224444' });
    const before = session.snapshot();
    void inbox.deliver(ADA);
    vi.advanceTimersByTime(STORM_TIMING.quietMs);
    const id = notices[0]?.id ?? '';
    expect(inbox.answer(id, false)).toEqual({ ok: true, value: null });
    expect(session.snapshot()).toBe(before);
    expect(inbox.answer(id, true)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(session.snapshot()).toBe(before);
  });

  it('refuses a malformed link with a message, changing nothing', () => {
    void inbox.deliver('handoff://call?to=%ZZ');
    vi.advanceTimersByTime(STORM_TIMING.quietMs);
    expect(session.snapshot()).toBeNull();
    expect(notices).toEqual([expect.objectContaining({ kind: 'refused', link: null, message: text('link.refused.encoding', { parameter: 'to' }) })]);
    expect(said(notices[0])).toBe('Handoff ignored a link: the to is not correctly percent-encoded.');
  });

  it('fills a transfer link into the open call without changing it', () => {
    session.open({ customer: '+14152224444' });
    const before = session.snapshot();
    void inbox.deliver('handoff://transfer?to=%2B14152225555&name=Grace');
    vi.advanceTimersByTime(STORM_TIMING.quietMs);
    expect(session.snapshot()).toBe(before);
    expect(notices[0]).toMatchObject({ kind: 'fill', link: { kind: 'transfer', to: '+14152225555', name: 'Grace' } });
    expect(inbox.answer(notices[0]?.id ?? '', true)).toEqual({ ok: true, value: null });
    expect(session.snapshot()).toBe(before);
  });
});

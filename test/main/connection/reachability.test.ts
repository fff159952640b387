import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECK_PACE } from '../../../main/connection/check-pace';
import { createReachability, UNREACHABLE_REASONS, type Reachability } from '../../../main/connection/reachability';
import type { ConnectionCheck, ConnectionStatus } from '../../../main/contract/domain';
import { ERROR_CODES } from '../../../main/contract/error-codes';
import { fail, ok, type Result } from '../../../main/contract/result';
import { text } from '../../../main/contract/text';
import { createLogger } from '../../../main/log/logger';
import { english } from '../../support/english';

const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });
const NODE: Result<ConnectionCheck> = ok({ nodeName: 'Multi-Party Call_1', apiId: 'api-1' });

/** A node read the test answers by hand, recording how many ran and whether two ever overlapped. */
function fakeRead() {
  const pending: ((result: Result<ConnectionCheck>) => void)[] = [];
  const state = { started: 0, running: 0, overlapped: false, auto: null as Result<ConnectionCheck> | null };
  const check = () => {
    state.started += 1;
    state.running += 1;
    if (state.running > 1) state.overlapped = true;
    return new Promise<Result<ConnectionCheck>>((resolve) => {
      const finish = (result: Result<ConnectionCheck>) => {
        state.running -= 1;
        resolve(result);
      };
      if (state.auto !== null) finish(state.auto);
      else pending.push(finish);
    });
  };
  return {
    check,
    state,
    /** Answers the oldest read waiting. */
    answer(result: Result<ConnectionCheck>) {
      const next = pending.shift();
      if (next === undefined) throw new Error('no read is waiting');
      next(result);
    },
    waiting: () => pending.length,
  };
}

describe('reachability', () => {
  let read: ReturnType<typeof fakeRead>;
  let ready: boolean;
  let reach: Reachability;
  let seen: ConnectionStatus[];
  const settle = () => vi.advanceTimersByTimeAsync(0);
  // Real timers under Vitest's fake clock, a fixed jitter, and the check and readiness under test.
  const reachabilityWith = (check: Parameters<typeof createReachability>[0]['check'], isReady: () => Promise<boolean>) =>
    createReachability({
      check,
      ready: isReady,
      now: () => new Date(),
      after: (ms, run) => {
        const timer = setTimeout(run, ms);
        return () => {
          clearTimeout(timer);
        };
      },
      random: () => 0.5,
      logger,
    });

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z') });
    read = fakeRead();
    ready = true;
    seen = [];
    reach = reachabilityWith(read.check, () => Promise.resolve(ready));
    reach.onChange((status) => seen.push(status));
  });
  afterEach(() => {
    reach.close();
    vi.useRealTimers();
  });

  it('a check that throws (a bug) still ends as not reachable and keeps the pace while a call is open', async () => {
    const crashing = reachabilityWith(() => Promise.reject(new Error('boom')), () => Promise.resolve(true));
    const states: ConnectionStatus[] = [];
    crashing.onChange((status) => states.push(status));
    crashing.callOpen(true);
    await settle();
    expect(states.at(-1)).toMatchObject({ state: 'unreachable', checking: false });
    const before = states.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(states.length).toBeGreaterThan(before);
    crashing.close();
  });
  it('sends nothing before it is told to start, and says "not checked" until then', async () => {
    await settle();
    expect(read.state.started).toBe(0);
    expect(reach.status()).toMatchObject({ state: 'not_checked', checking: false, checkedAt: null });
  });

  it('checks at start (changed) and says reachable, with the time of the check', async () => {
    reach.changed();
    expect(reach.status()).toMatchObject({ state: 'not_checked', checking: true });
    await settle();
    expect(read.state.started).toBe(1);
    read.answer(NODE);
    await settle();
    expect(reach.status()).toEqual({
      state: 'reachable',
      checking: false,
      checkedAt: '2026-12-05T10:00:00.000Z',
      reason: null,
      failure: null,
    });
  });

  it('says "not set up" and sends nothing while settings or credentials are missing', async () => {
    ready = false;
    reach.changed();
    await settle();
    expect(read.state.started).toBe(0);
    expect(reach.status().state).toBe('not_set_up');
    reach.callOpen(true);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(read.state.started).toBe(0);
  });

  it('checks again after a settings or credentials change, and drops the answer read with the old ones', async () => {
    reach.changed();
    await settle();
    reach.changed(); // settings saved while the first read is in flight
    await settle();
    expect(read.state.started).toBe(1); // the second waits its turn
    read.answer(fail('invalid_credentials', text('error.invalidCredentials')));
    await settle();
    // The old answer is not shown: the state still waits for the read with the new settings.
    expect(reach.status()).toMatchObject({ state: 'not_checked', checking: true });
    expect(read.state.started).toBe(2);
    read.answer(NODE);
    await settle();
    expect(reach.status().state).toBe('reachable');
    expect(seen.some((s) => s.state === 'unreachable')).toBe(false);
    expect(read.state.overlapped).toBe(false);
  });

  it('coalesces a burst of changes into one read after the one in flight', async () => {
    reach.changed();
    await settle();
    for (let i = 0; i < 5; i += 1) reach.changed();
    read.answer(NODE);
    await settle();
    read.answer(NODE);
    await settle();
    expect(read.state.started).toBe(2);
    expect(read.waiting()).toBe(0);
  });

  it('checks on Open call, joining a read already under way rather than sending a second', async () => {
    reach.changed();
    await settle();
    reach.callOpen(true);
    await settle();
    expect(read.state.started).toBe(1);
    read.answer(NODE);
    await settle();
    expect(read.state.started).toBe(1);
    expect(read.waiting()).toBe(0);
    reach.callOpen(false);
    reach.callOpen(true);
    await settle();
    expect(read.state.started).toBe(2);
  });

  it('keeps checking at 30 to 60 s while a call is open, never more than one per interval, and stops when it closes', async () => {
    read.state.auto = NODE;
    reach.changed();
    reach.callOpen(true);
    await settle();
    expect(read.state.started).toBe(1);
    const jittered = CHECK_PACE.minMs + 0.5 * (CHECK_PACE.maxMs - CHECK_PACE.minMs);
    await vi.advanceTimersByTimeAsync(jittered - 1);
    expect(read.state.started).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(read.state.started).toBe(2);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // Ten minutes at one read per 45 s (the fixed jitter here): 13 more, never one per 30 s.
    expect(read.state.started).toBe(2 + Math.floor((10 * 60_000) / jittered));
    expect(read.state.started - 2).toBeLessThanOrEqual((10 * 60_000) / CHECK_PACE.minMs);
    reach.callOpen(false);
    const before = read.state.started;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(read.state.started).toBe(before);
    expect(read.state.overlapped).toBe(false);
  });

  it('spreads agents over the whole 30 to 60 s window', async () => {
    const delays: number[] = [];
    for (const random of [0, 0.999]) {
      const paced = createReachability({
        check: () => Promise.resolve(NODE),
        ready: () => Promise.resolve(true),
        now: () => new Date(),
        after: (ms) => {
          delays.push(ms);
          return () => undefined;
        },
        random: () => random,
        logger,
      });
      paced.callOpen(true);
      await paced.settled();
    }
    expect(delays[0]).toBe(CHECK_PACE.minMs);
    expect(delays[1]).toBeGreaterThan(CHECK_PACE.maxMs - 100);
    expect(delays[1]).toBeLessThan(CHECK_PACE.maxMs);
  });

  it('waits at least as long as Plivo asked, and twice the pace, after a 429', async () => {
    reach.callOpen(true);
    await settle();
    read.answer(fail('rate_limited', text('error.rateLimitedFor', { seconds: 120 }), { status: 429, retryAfterSeconds: 120 }));
    await settle();
    expect(reach.status()).toMatchObject({ state: 'unreachable', reason: text('connection.reason.rateLimited') });
    await vi.advanceTimersByTimeAsync(119_999);
    expect(read.state.started).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(read.state.started).toBe(2);
  });

  it('treats a read that timed out as a state, "not reachable", not an error', async () => {
    reach.changed();
    await settle();
    read.answer(fail('timeout', text('error.timeoutRead', { seconds: 10 })));
    await settle();
    expect(reach.status()).toMatchObject({
      state: 'unreachable',
      checking: false,
      reason: text('connection.reason.timeout'),
      failure: { code: 'timeout' },
    });
  });

  it.each(ERROR_CODES.filter((code) => code !== 'not_configured' && code !== 'credentials_missing'))(
    'words %s as a short reason without codes or hosts',
    async (code) => {
      reach.changed();
      await settle();
      // A failure whose own words name a host and a code: the header's reason must name neither.
      read.answer(fail(code, text('journal.recordedMessage', { text: `Handoff could not reach 127.0.0.1:9 (ECONNREFUSED) [${code}]` })));
      await settle();
      const status = reach.status();
      expect(status.state).toBe('unreachable');
      expect(status.reason).toBe(UNREACHABLE_REASONS[code]);
      expect(status.reason?.params).toBeUndefined();
      if (status.reason !== null) expect(english(status.reason)).not.toMatch(/[a-z]+_[a-z]+|\d+\.\d+|:\d+|HTTP|ECONN/);
      expect(status.failure?.code).toBe(code);
    },
  );

  it('says a 401 is refused credentials', async () => {
    reach.changed();
    await settle();
    read.answer(fail('invalid_credentials', text('error.invalidCredentials'), { status: 401 }));
    await settle();
    const { reason } = reach.status();
    expect(reason === null ? null : english(reason)).toBe('Plivo refused the credentials');
  });

  it('reads for Test connection in turn with the automatic checks, and records its answer', async () => {
    reach.changed();
    await settle();
    const tested = reach.test();
    await settle();
    expect(read.state.started).toBe(1);
    read.answer(fail('network', text('error.neverSent.unreachable')));
    await settle();
    expect(read.state.started).toBe(2);
    read.answer(NODE);
    await expect(tested).resolves.toEqual(NODE);
    expect(reach.status().state).toBe('reachable');
    expect(read.state.overlapped).toBe(false);
  });

  it('settles only when no read is under way or waiting', async () => {
    reach.changed();
    let settled = false;
    void reach.settled().then(() => {
      settled = true;
    });
    await settle();
    expect(settled).toBe(false);
    read.answer(NODE);
    await settle();
    expect(settled).toBe(true);
  });
});

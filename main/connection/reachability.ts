/**
 * Whether Plivo answers, known before the agent needs it: without this, an open call shows everyone
 * Connected and the agent learns that Plivo is out of reach only when a transfer fails with the
 * customer waiting. The check is Test connection's read of the node (GET, no side effect); it never
 * takes the session's action slot, so actions neither wait for it nor are refused because of it.
 */
import type { ConnectionCheck, ConnectionStatus } from '../contract/domain';
import type { ErrorCode } from '../contract/error-codes';
import { fail, type Failure, type Result } from '../contract/result';
import { text, type Text } from '../contract/text';
import { CHECK_PACE } from './check-pace';
import type { Logger } from '../log/logger';

/** Runs `run` once after `ms`; returns the cancel. Injected so tests drive time themselves. */
export type After = (ms: number, run: () => void) => () => void;

/** What a check needs from the core; `createCore` passes the profile in use, the clock and real timers. */
export interface ReachabilityDeps {
  /** The node read of the profile in use: `checkConnection`, Test connection's own request. */
  check(): Promise<Result<ConnectionCheck>>;
  /** Settings complete and credentials saved: only then does a check send anything on its own. */
  ready(): Promise<boolean>;
  now(): Date;
  after: After;
  /** 0 to 1, for the jitter; Math.random in the app. */
  random(): number;
  logger: Logger;
}

/** Plivo's reachability, kept current at start, after every change, on Open call and while a call is open. */
export interface Reachability {
  status(): ConnectionStatus;
  /** Calls `listener` after every change of the status; returns the unsubscribe. */
  onChange(listener: (status: ConnectionStatus) => void): () => void;
  /** Settings, credentials or the profile changed: the last result no longer applies, so check afresh. */
  changed(): void;
  /** A call opened (check now, then at a slow pace while it stays open) or closed (stop the pace). */
  callOpen(open: boolean): void;
  /** Test connection: the same read, never at the same time as another; its outcome updates the status too. */
  test(): Promise<Result<ConnectionCheck>>;
  /** Resolves when no check is under way or waiting, so the core can close without a request in flight. */
  settled(): Promise<void>;
  /** Stops the pace; a check under way still finishes. */
  close(): void;
}


/** Each failure in the few words the header shows after "not reachable:"; hosts and codes stay in the details. */
export const UNREACHABLE_REASONS: Record<Exclude<ErrorCode, 'not_configured' | 'credentials_missing'>, Text> = {
  invalid_credentials: text('connection.reason.invalidCredentials'),
  forbidden: text('connection.reason.forbidden'),
  not_found: text('connection.reason.notFound'),
  rejected: text('connection.reason.rejected'),
  rate_limited: text('connection.reason.rateLimited'),
  plivo_unavailable: text('connection.reason.plivoUnavailable'),
  network: text('connection.reason.network'),
  timeout: text('connection.reason.timeout'),
  unexpected_response: text('connection.reason.unexpectedResponse'),
  keychain_locked: text('connection.reason.keychainLocked'),
  keychain_unavailable: text('connection.reason.keychainUnavailable'),
  invalid_input: text('connection.reason.settingsUnusable'),
  invalid_address: text('connection.reason.settingsUnusable'),
  no_call: text('connection.reason.couldNotCheck'),
  invalid_state: text('connection.reason.couldNotCheck'),
  busy: text('connection.reason.couldNotCheck'),
  needs_confirmation: text('connection.reason.couldNotCheck'),
  enforced_by_policy: text('connection.reason.couldNotCheck'),
  proxy_refused: text('connection.reason.proxyRefused'),
  journal_unavailable: text('connection.reason.couldNotCheck'),
  interrupted: text('connection.reason.couldNotCheck'),
  shortcut_unavailable: text('connection.reason.couldNotCheck'),
  internal: text('connection.reason.internal'),
};

/** What a check's result means for the header. */
function statusOf(result: Result<ConnectionCheck>, checkedAt: Date): ConnectionStatus {
  const at = checkedAt.toISOString();
  if (result.ok) return { state: 'reachable', checking: false, checkedAt: at, reason: null, failure: null };
  const { code } = result.error;
  if (code === 'not_configured' || code === 'credentials_missing') return NOT_SET_UP;
  return { state: 'unreachable', checking: false, checkedAt: at, reason: UNREACHABLE_REASONS[code], failure: result.error };
}

const NOT_SET_UP: ConnectionStatus = { state: 'not_set_up', checking: false, checkedAt: null, reason: null, failure: null };
const NOT_CHECKED: ConnectionStatus = { state: 'not_checked', checking: false, checkedAt: null, reason: null, failure: null };

/** Builds the checker; nothing is sent until `changed`, `callOpen` or `test` is called. */
export function createReachability(deps: ReachabilityDeps): Reachability {
  const logger = deps.logger.child({ module: 'reachability' });
  const listeners = new Set<(status: ConnectionStatus) => void>();
  let current: ConnectionStatus = NOT_CHECKED;
  // Bumped by every change of what a check depends on, so a result read with old settings is dropped.
  let generation = 0;
  // The one read in flight, or null: every check takes its turn behind it.
  let inFlight: Promise<unknown> | null = null;
  // An automatic check under way or waiting its turn; triggers that need no fresher read join it.
  let automatic: Promise<void> | null = null;
  // One waiting behind the check in flight, for a change that needs a read started after it.
  let waiting: Promise<void> | null = null;
  let callIsOpen = false;
  let cancelPace: (() => void) | null = null;
  let closed = false;

  function publish(next: ConnectionStatus): void {
    current = next;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (error) {
        logger.error({ err: error }, 'connection listener failed');
      }
    }
  }

  /** Runs `read` when no other read is in flight (never two checks at once), and never before the caller's own bookkeeping. */
  async function turn<T>(read: () => Promise<T>): Promise<T> {
    do await inFlight?.catch(() => undefined);
    while (inFlight !== null);
    const started = read();
    inFlight = started;
    try {
      return await started;
    } finally {
      inFlight = null;
    }
  }

  /** Records a result unless a change made it stale, and sets the next paced check. */
  function record(result: Result<ConnectionCheck>, readFor: number): void {
    if (readFor !== generation) return;
    const next = statusOf(result, deps.now());
    if (next.state === 'unreachable' && current.state !== 'unreachable') {
      logger.warn({ code: result.ok ? null : result.error.code }, 'plivo not reachable');
    }
    publish(next);
    pace(result.ok ? null : result.error);
  }

  async function runAutomatic(): Promise<void> {
    const readFor = generation;
    try {
      if (!(await deps.ready())) {
        if (readFor === generation) publish(NOT_SET_UP);
        return;
      }
      publish({ ...current, checking: true });
      record(await deps.check(), readFor);
    } catch (error) {
      // Only a bug gets here; the header must still leave "checking" and the pace must go on.
      logger.error({ err: error }, 'connection check crashed');
      record(fail('internal', text('connection.checkCrashed')), readFor);
    }
  }

  /** An automatic check; `fresh` means one must start after now (settings changed), else one under way will do. */
  function check(fresh: boolean): Promise<void> {
    if (!fresh && automatic !== null) return automatic;
    // One that has not started yet will read the latest settings when its turn comes.
    if (waiting !== null) return waiting;
    const queued: Promise<void> = turn(async () => {
      if (waiting === queued) waiting = null;
      await runAutomatic();
    }).finally(() => {
      if (automatic === queued) automatic = null;
    });
    waiting = queued;
    automatic = queued;
    return queued;
  }

  /** Schedules the next check while a call is open; a 429 waits at least as long as Plivo asked, and twice the pace. */
  function pace(failure: Failure | null): void {
    cancelPace?.();
    cancelPace = null;
    if (!callIsOpen || closed) return;
    const jittered = CHECK_PACE.minMs + Math.floor(deps.random() * (CHECK_PACE.maxMs - CHECK_PACE.minMs));
    const delay =
      failure?.code === 'rate_limited'
        ? Math.max(2 * jittered, (failure.detail?.retryAfterSeconds ?? 0) * 1000)
        : jittered;
    cancelPace = deps.after(delay, () => {
      cancelPace = null;
      void check(false);
    });
  }

  return {
    status: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed() {
      generation += 1;
      publish({ ...NOT_CHECKED, checking: true });
      void check(true);
    },
    callOpen(open) {
      if (open === callIsOpen) return;
      callIsOpen = open;
      if (open) {
        void check(false);
        return;
      }
      cancelPace?.();
      cancelPace = null;
    },
    async test() {
      const readFor = generation;
      const result = await turn(() => deps.check());
      record(result, readFor);
      return result;
    },
    async settled() {
      while (inFlight !== null || waiting !== null || automatic !== null) {
        await (automatic ?? waiting ?? inFlight)?.catch(() => undefined);
      }
    },
    close() {
      closed = true;
      cancelPace?.();
      cancelPace = null;
    },
  };
}

/**
 * Where links arrive in the core: gathered against storms, read strictly, decided by the replace
 * rule, and turned into the one notice the window shows (and reads again after a reload). Only the
 * agent's answer to that notice opens a call the rule asked about.
 */
import { randomUUID } from 'node:crypto';
import type { LinkNotice, ScreenPop, SessionSnapshot } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text } from '../contract/text';
import type { Logger } from '../log/logger';
import type { CallSession } from '../session/call-session';
import { decideLink, shownTarget, withIgnored, type ShownLink } from './link-rule';
import { createLinkStorm, type StormTiming } from './link-storm';
import { parseLink } from './parse-link';

/** The core parts the inbox acts on; passed in so tests drive it with a real session. */
export interface LinkInboxDeps {
  /** The session of the profile in use (the agent's own, or the demo's). */
  session(): CallSession;
  defaultCountry(): string;
  logger: Logger;
  /** Tells the window about a new notice, or that it was answered (null). */
  publish(notice: LinkNotice | null): void;
  timing?: StormTiming;
}

/** The inbox's operations. */
export type LinkInbox = ReturnType<typeof createLinkInbox>;

/** Builds the inbox; it holds at most one notice, the latest. */
export function createLinkInbox(deps: LinkInboxDeps) {
  const logger = deps.logger.child({ module: 'links' });
  let current: LinkNotice | null = null;
  const storm = createLinkStorm(settle, deps.timing);

  function show(link: ScreenPop): ShownLink {
    return { link, shown: shownTarget(link) };
  }

  function notify(notice: Omit<LinkNotice, 'id'>): void {
    current = { id: randomUUID(), ...notice };
    deps.publish(current);
  }

  function open(link: ScreenPop): Result<SessionSnapshot> {
    return deps.session().open({ customer: link.to, label: link.name ?? undefined });
  }

  function settle(raw: string, ignored: number): void {
    const parsed = parseLink(raw, deps.defaultCountry());
    if (!parsed.ok) {
      // Never the whole text: it is whatever another program sent.
      logger.warn({ link: raw.slice(0, 120), ignored, reason: parsed.error.message }, 'link refused');
      notify({ kind: 'refused', link: null, message: withIgnored(parsed.error.message, ignored), ignored });
      return;
    }
    const link = parsed.value;
    const shown = show(link);
    const decision = decideLink(shown, deps.session().snapshot(), ignored);
    logger.info({ kind: link.kind, decision: decision.kind, ignored }, 'link received');
    if (decision.kind !== 'open') {
      notify({ kind: decision.kind, link, message: decision.message, ignored });
      return;
    }
    const opened = open(link);
    notify(
      opened.ok
        ? { kind: 'opened', link, message: text('link.opened', { target: shown.shown }), ignored }
        : { kind: 'refused', link, message: text('link.open.failed', { target: shown.shown, reason: opened.error.message }), ignored },
    );
  }

  return {
    /** Takes a link as it arrived (command line, second instance, macOS open-url); resolves once it is acted on. */
    deliver(raw: string): Promise<void> {
      return storm.push(raw);
    },

    /** The notice still waiting for the agent, for a window that (re)loads. */
    current(): LinkNotice | null {
      return current;
    },

    /**
     * The agent's answer: `open` opens the call they were asked about, after checking the rule
     * again (the call may have changed while the question was up); anything else only clears it.
     */
    answer(id: string, wantsOpen: boolean): Result<SessionSnapshot | null> {
      const notice = current;
      if (notice?.id !== id) return fail('invalid_state', text('link.notWaiting'));
      current = null;
      deps.publish(null);
      if (!wantsOpen || notice.kind !== 'ask' || notice.link === null) return ok(null);
      const link = notice.link;
      const session = deps.session();
      const again = decideLink(show(link), session.snapshot(), 0);
      if (again.kind === 'refused') return fail('invalid_state', again.message);
      if (session.snapshot() !== null) {
        const ended = session.end();
        if (!ended.ok) return ended;
      }
      logger.info('agent opened a call from a link');
      return open(link);
    },

    /** Drops links still gathering, at shutdown. */
    stop(): void {
      storm.stop();
    },
  };
}

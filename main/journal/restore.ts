/**
 * Rebuilds the call that was open when Handoff last stopped without closing it, from the journal
 * alone. An action journalled as about to leave with no outcome after it may or may not have
 * reached Plivo: it becomes the "Did it go through?" question, and is never sent again.
 */
import type { SessionSnapshot } from '../contract/domain';
import type { Failure } from '../contract/result';
import { text } from '../contract/text';
import { plan, type Command } from '../session/transitions';
import type { JournalEntry, StoredSession } from './journal-entry';

/** The restored call, and what its unconfirmed action leads to should the agent say it happened. */
export interface RestoredCall {
  snapshot: SessionSnapshot;
  unconfirmed: { actionId: string; next: (s: SessionSnapshot) => SessionSnapshot } | null;
}

/** What the agent reads when Handoff stopped before Plivo's answer came. */
export const INTERRUPTED: Failure = {
  code: 'interrupted',
  // Short: at 320 px the question, the notice and the call's actions must all fit; the question says the rest.
  message: text('journal.interrupted'),
};

interface Open {
  actionId: string;
  command: Command;
  at: string;
  failure: Failure;
}

/** The last call opened and not closed, or null when the last one was closed cleanly (or none was journalled). */
export function restoreCall(entries: readonly JournalEntry[]): RestoredCall | null {
  let session: StoredSession | null = null;
  let open: Open | null = null;
  for (const entry of entries) {
    switch (entry.type) {
      case 'session':
        if (session?.id !== entry.session.id) open = null;
        session = entry.session;
        break;
      case 'end':
        if (session?.id === entry.sessionId) {
          session = null;
          open = null;
        }
        break;
      case 'intent':
        if (session?.id === entry.sessionId) open = { actionId: entry.actionId, command: entry.command, at: entry.at, failure: INTERRUPTED };
        break;
      case 'uncertain':
        if (open?.actionId === entry.actionId) {
          const { code, message, apiId } = entry;
          open.failure = apiId === null ? { code, message } : { code, message, detail: { apiId } };
        }
        break;
      default:
        // Accepted (its new state follows as a session entry), refused, or answered by the agent.
        if (open?.actionId === entry.actionId) open = null;
    }
  }
  if (session === null) return null;
  const snapshot: SessionSnapshot = { ...session, pending: null, unconfirmed: null, restored: true };
  if (open === null) return { snapshot, unconfirmed: null };
  const planned = plan(snapshot, open.command);
  // Only a hand-edited journal has an intent the call could not have sent: nothing to ask about then.
  if (!planned.ok) return { snapshot, unconfirmed: null };
  const { at } = open;
  return {
    snapshot: { ...snapshot, unconfirmed: { action: open.command.action, failure: open.failure } },
    unconfirmed: { actionId: open.actionId, next: (s) => planned.value.next(s, at) },
  };
}

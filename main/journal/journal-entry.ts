/**
 * What one line of the journal holds, and the schema every line is read through: a file edited by
 * hand or cut short by a kill must never put a call together from half a line.
 */
import * as v from 'valibot';
import { RoleSchema, type SessionSnapshot } from '../contract/domain';
import { ERROR_CODES } from '../contract/error-codes';
import { readText } from '../contract/known-text';
import { text } from '../contract/text';

const Stamp = v.pipe(v.string(), v.isoTimestamp());
const Text = v.string();

const ParticipantSchema = v.object({
  id: Text,
  kind: v.picklist(['self', 'customer', 'colleague']),
  address: Text,
  displayAddress: Text,
  role: RoleSchema,
  label: v.nullable(Text),
  state: v.picklist(['dialling', 'connected', 'on_hold', 'consulting', 'left']),
  since: Stamp,
});

const StoredSessionSchema = v.object({
  id: Text,
  openedAt: Stamp,
  participants: v.array(ParticipantSchema),
  transfer: v.nullable(v.object({ targetId: Text })),
});

const CommandSchema = v.variant('action', [
  v.object({
    action: v.picklist(['warm_transfer', 'cold_transfer', 'add_participant']),
    target: v.object({ id: Text, address: Text, displayAddress: Text, role: RoleSchema, label: v.nullable(Text) }),
  }),
  v.object({ action: v.picklist(['complete_transfer', 'cancel_transfer', 'merge_transfer']) }),
  v.object({ action: v.picklist(['hold', 'unhold', 'hangup', 'voicemail_drop']), participantId: Text }),
]);

const Ref = { at: Stamp, sessionId: Text, actionId: Text };

/**
 * A failure's words: the Text it was recorded with, or, from a journal an older Handoff wrote, its
 * English sentence, shown as it was. A Text this build cannot show (an id it lacks) keeps the line:
 * the code still says what happened.
 */
const RecordedMessage = v.pipe(
  v.union([v.string(), v.looseObject({ id: v.string() })]),
  v.transform((message) => {
    if (typeof message === 'string') return text('journal.recordedMessage', { text: message });
    return readText(message) ?? text('journal.unknownMessage');
  }),
);

/** Every kind of line, each stamped with when it was written. */
export const JournalEntrySchema = v.variant('type', [
  // The call as it is after it opened or changed: enough to draw it again exactly.
  v.object({ type: v.literal('session'), at: Stamp, session: StoredSessionSchema }),
  // Written and flushed before the request leaves; `target` names who it aims at, for History.
  v.object({ type: v.literal('intent'), ...Ref, command: CommandSchema, target: Text }),
  v.object({ type: v.literal('accepted'), ...Ref, apiId: Text }),
  // `uncertain`: the request may have reached Plivo (a timeout, a reset, a 5xx).
  v.object({
    type: v.picklist(['failed', 'uncertain']),
    ...Ref,
    code: v.picklist(ERROR_CODES),
    message: RecordedMessage,
    apiId: v.nullable(Text),
  }),
  v.object({ type: v.literal('confirmed'), ...Ref, happened: v.boolean() }),
  v.object({ type: v.literal('end'), at: Stamp, sessionId: Text }),
]);

/** One journal line, parsed. */
export type JournalEntry = v.InferOutput<typeof JournalEntrySchema>;

/** The call as journalled: what a snapshot holds apart from what is in flight or unconfirmed. */
export type StoredSession = Omit<SessionSnapshot, 'pending' | 'unconfirmed' | 'restored'>;

/** The call part of a snapshot, the form it is journalled in. */
export function storedSession(snapshot: SessionSnapshot): StoredSession {
  const { id, openedAt, participants, transfer } = snapshot;
  return { id, openedAt, participants, transfer };
}

/** Parses one line; null for anything that is not a whole, valid entry. */
export function parseEntry(line: string): JournalEntry | null {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = v.safeParse(JournalEntrySchema, data);
  return parsed.success ? parsed.output : null;
}

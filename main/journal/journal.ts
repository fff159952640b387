/**
 * The agent's action journal: what Handoff is about to send, what came of it, and every change of
 * the call, so a call survives Handoff closing unexpectedly and the agent can look back. Numbers
 * are kept (they are the call); no credential is ever passed in, so none can be written.
 */
import { join } from 'node:path';
import { fail, ok, type Result } from '../contract/result';
import { text } from '../contract/text';
import type { Logger } from '../log/logger';
import { reasonOf } from '../settings/settings-store';
import { dayOf, journalFiles, type JournalFs } from './journal-files';
import { parseEntry, type JournalEntry } from './journal-entry';

/** Where the journal lives and the platform edges it uses. */
export interface JournalOptions {
  dataDir: string;
  logger: Logger;
  now: () => Date;
  fs?: JournalFs;
}

/** Entries read back, and how many lines had to be left out. */
export interface JournalRead {
  entries: JournalEntry[];
  skipped: number;
}

/** What the call session writes to. */
export interface JournalWriter {
  /** Appends entries durably, or says why it could not: then nothing that depends on them may be sent. */
  write(entries: JournalEntry[]): Result<null>;
}

/** The journal of the agent's own profile. */
export type Journal = JournalWriter & {
  dir: string;
  /** The days with a journal file, oldest first. */
  days(): string[];
  /** One day's entries, in the order written. */
  readDay(day: string): JournalRead;
  /** Every entry kept, oldest day first: what a restart rebuilds the call from. */
  readAll(): JournalRead;
  /** Deletes the days older than `retentionDays` (today counts as one). */
  prune(retentionDays: number): void;
};

/** Opens the journal folder `<dataDir>/journal`; nothing is read or written until asked. */
export function createJournal(options: JournalOptions): Journal {
  const logger = options.logger.child({ module: 'journal' });
  const dir = join(options.dataDir, 'journal');
  const files = journalFiles(dir, options.fs);
  // Each unreadable file is logged once per run, however often History reads it.
  const reported = new Map<string, number>();

  function readDay(day: string): JournalRead {
    const { lines, torn } = files.read(day);
    const entries = lines.map(parseEntry);
    const valid = entries.filter((entry): entry is JournalEntry => entry !== null);
    const skipped = entries.length - valid.length + torn;
    if (skipped > 0 && reported.get(day) !== skipped) {
      reported.set(day, skipped);
      logger.warn({ file: join(dir, `${day}.jsonl`), skipped, torn }, 'journal lines left out: not whole, valid entries');
    }
    return { entries: valid, skipped };
  }

  return {
    dir,
    write(entries) {
      try {
        // Only an intent must be on disk before its request leaves. What follows it survives a kill
        // unflushed, and a power cut can cost at most an outcome: the safe "Did it go through?".
        const flush = entries.some((entry) => entry.type === 'intent');
        files.append(dayOf(options.now()), entries.map((entry) => JSON.stringify(entry)), flush);
        return ok(null);
      } catch (error) {
        logger.error({ err: error, dir }, 'journal could not be written');
        return fail('journal_unavailable', text('journal.unwritable', { folder: dir, reason: reasonOf(error) }));
      }
    },

    days: () => files.days(),
    readDay,
    readAll() {
      const days = files.days().map(readDay);
      return { entries: days.flatMap((d) => d.entries), skipped: days.reduce((n, d) => n + d.skipped, 0) };
    },

    prune(retentionDays) {
      const oldest = new Date(options.now());
      oldest.setDate(oldest.getDate() - (retentionDays - 1));
      try {
        const deleted = files.pruneBefore(dayOf(oldest));
        if (deleted.length > 0) logger.info({ deleted, retentionDays }, 'old journal days deleted');
      } catch (error) {
        logger.error({ err: error, dir }, 'old journal days could not be deleted');
      }
    },
  };
}

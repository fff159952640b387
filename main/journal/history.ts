/**
 * The History view's rows: one per action Handoff sent (or was about to send), with what came of
 * it, read from the journal. An intent with no outcome is uncertain: Handoff stopped before the
 * answer came.
 */
import type { HistoryDay, HistoryRow } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text } from '../contract/text';
import { reasonOf } from '../settings/settings-store';
import type { Translator } from '../i18n/translator';
import { historyCsv } from './csv';
import type { Journal, JournalRead } from './journal';
import type { JournalEntry } from './journal-entry';
import { dayOf } from './journal-files';

/** Every action in `entries`, oldest first. */
export function historyRows(entries: readonly JournalEntry[]): HistoryRow[] {
  const rows = new Map<string, HistoryRow>();
  for (const entry of entries) {
    if (entry.type === 'intent') {
      rows.set(entry.actionId, {
        at: entry.at,
        action: entry.command.action,
        target: entry.target,
        outcome: 'uncertain',
        apiId: null,
        code: 'interrupted',
        agentSaid: null,
      });
      continue;
    }
    if (entry.type === 'session' || entry.type === 'end') continue;
    const row = rows.get(entry.actionId);
    if (row === undefined) continue;
    if (entry.type === 'accepted') Object.assign(row, { outcome: 'accepted', apiId: entry.apiId, code: null });
    else if (entry.type === 'confirmed') row.agentSaid = entry.happened;
    else Object.assign(row, { outcome: entry.type, apiId: entry.apiId, code: entry.code });
  }
  return [...rows.values()];
}

// The rows of the local days from `from` to `to`, both included.
function rowsBetween(rows: readonly HistoryRow[], from: string, to: string): HistoryRow[] {
  return rows.filter((row) => {
    const day = dayOf(new Date(row.at));
    return day >= from && day <= to;
  });
}

/** History's answer for one day: its rows, the days there are, and how many lines were left out. */
export function historyDay(journal: Journal, day: string): Result<HistoryDay> {
  return readJournal(journal, ({ entries, skipped }) => {
    const days = journal.days().reverse();
    return { days: days.includes(day) ? days : [day, ...days], day, rows: rowsBetween(historyRows(entries), day, day), skippedLines: skipped };
  });
}

/** The CSV of the days from `from` to `to`, named for them. */
export function historyExport(journal: Journal, from: string, to: string, words: Translator): Result<{ fileName: string; csv: string }> {
  if (from > to) return fail('invalid_input', text('journal.firstDayAfterLast'), { field: 'from' });
  return readJournal(journal, ({ entries }) => ({
    fileName: `handoff-history-${from}-to-${to}.csv`,
    csv: historyCsv(rowsBetween(historyRows(entries), from, to), words),
  }));
}

function readJournal<T>(journal: Journal, use: (read: JournalRead) => T): Result<T> {
  try {
    return ok(use(journal.readAll()));
  } catch (error) {
    return fail('journal_unavailable', text('journal.unreadable', { folder: journal.dir, reason: reasonOf(error) }));
  }
}

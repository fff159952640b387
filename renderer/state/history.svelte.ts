/**
 * The History view's state: one day of the journal as the core reads it, the outcome filter, and
 * Export CSV of a range of days. The journal is the truth; this only holds the latest answer.
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type { HistoryDay, HistoryExport, HistoryOutcome, HistoryRow } from '../../main/contract/domain';
import type { Result } from '../../main/contract/result';
import { settle } from '../lib/api';
import { downloadText } from '../lib/download';
import { text } from '../lib/words';
import type { Activity } from './activity.svelte';
import type { Announcer } from './announcer.svelte';

/** The outcome filter: one outcome, or all of them. */
export type OutcomeFilter = HistoryOutcome | 'all';

/** One day of History, filtered, and its export. */
export class HistoryModel {
  #page = $state.raw<HistoryDay | null>(null);
  /** Bumped by every load, so only the latest one's answer is shown. */
  #asked = 0;
  #outcome = $state<OutcomeFilter>('all');
  #rows = $derived.by((): HistoryRow[] => {
    const rows = this.#page?.rows ?? [];
    // Newest first: the agent looks back from now.
    return [...rows].reverse().filter((row) => this.#outcome === 'all' || row.outcome === this.#outcome);
  });
  readonly #api: HandoffApi;
  readonly #activity: Activity;
  readonly #announcer: Announcer;

  /** Built by the app root, which shares the activity and the announcer with the other models. */
  constructor(api: HandoffApi, activity: Activity, announcer: Announcer) {
    this.#api = api;
    this.#activity = activity;
    this.#announcer = announcer;
  }

  /** The day shown (YYYY-MM-DD), once read. */
  get day(): string | null {
    return this.#page?.day ?? null;
  }

  /** The days with a journal, newest first, for the day picker. */
  get days(): string[] {
    return this.#page?.days ?? [];
  }

  /** The day's actions that pass the filter, newest first. */
  get rows(): HistoryRow[] {
    return this.#rows;
  }

  /** How many journal lines could not be read and are left out. */
  get skippedLines(): number {
    return this.#page?.skippedLines ?? 0;
  }

  /** The outcome filter. */
  get outcome(): OutcomeFilter {
    return this.#outcome;
  }

  set outcome(value: OutcomeFilter) {
    this.#outcome = value;
  }

  /** Reads one day (today when none is given); a failure is announced and the last answer kept. */
  async load(day?: string): Promise<void> {
    const asked = ++this.#asked;
    const result = await settle(() => this.#api.history.list(day === undefined ? undefined : { day }));
    // An answer for a day the agent has since moved away from is dropped, failure included.
    if (asked !== this.#asked) return;
    if (result.ok) this.#page = result.value;
    else this.#announcer.failure(result.error);
  }

  /** Exports the days from `from` to `to`: a download in the browser, a file saved by the core in the app. */
  export(from: string, to: string): Promise<Result<HistoryExport> | null> {
    const request = async () => {
      const result = await this.#api.history.export({ from, to });
      if (result.ok && result.value.kind === 'download') downloadText(result.value.fileName, result.value.csv, 'text/csv;charset=utf-8');
      return result;
    };
    return this.#activity.run('history:export', request, {
      success: (outcome) => {
        if (outcome.kind === 'download') return text('history.exported', { fileName: outcome.fileName });
        return outcome.kind === 'saved' ? text('history.exportedTo', { path: outcome.path }) : text('history.exportCancelled');
      },
    });
  }
}

/**
 * What the live region says: the outcome of the agent's last action. One source, so two outcomes
 * never talk over each other and the latest one is always the one on screen.
 */
import type { Failure, FailureDetail } from '../../main/contract/result';

/** One outcome as shown; a fresh `id` makes a repeated sentence a new announcement. */
export interface Announcement {
  id: number;
  tone: 'success' | 'failure';
  message: string;
  /** Plivo's text, `api_id` and HTTP status, shown under "Details" and never needed to act. */
  detail: FailureDetail | null;
}

/** Holds the outcome the Announcer component shows in its `aria-live` region. */
export class Announcer {
  #current = $state.raw<Announcement | null>(null);
  #count = 0;

  /** The outcome on screen, or null once dismissed or replaced by a form's own field error. */
  get current(): Announcement | null {
    return this.#current;
  }

  /** Names what happened, with the request id when there is one worth quoting to Plivo support. */
  success(message: string, detail: FailureDetail | null = null): void {
    this.#current = { id: ++this.#count, tone: 'success', message, detail };
  }

  /** Says what went wrong in the core's words (written for agents), with Plivo's facts kept for Details. */
  failure(error: Failure): void {
    this.#current = { id: ++this.#count, tone: 'failure', message: error.message, detail: error.detail ?? null };
  }

  /** Removes an outcome that no longer describes the screen. */
  clear(): void {
    this.#current = null;
  }
}

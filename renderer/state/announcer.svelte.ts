/**
 * What the live region says: the outcome of the agent's last action. One source, so two outcomes
 * never talk over each other and the latest one is always the one on screen.
 */
import type { ErrorCode } from '../../main/contract/error-codes';
import type { Failure, FailureDetail } from '../../main/contract/result';
import type { Text } from '../../main/contract/text';

/** How long a success stays on screen: long enough to read, gone before it describes an old screen. */
export const SUCCESS_MS = 6000;

/** One outcome as shown; a fresh `id` makes a repeated sentence a new announcement. */
export interface Announcement {
  id: number;
  tone: 'success' | 'failure';
  /** Said when shown, so the live region follows a change of language. */
  message: Text;
  /** Plivo's text, `api_id` and HTTP status, shown under "Details" and never needed to act. */
  detail: FailureDetail | null;
  /** A failure's code, for support, under "Details" too: never in the sentence. */
  code: ErrorCode | null;
}

/** Holds the outcome the Announcer component shows in its `aria-live` region. */
export class Announcer {
  #current = $state.raw<Announcement | null>(null);
  #count = 0;

  /** The outcome on screen, or null once dismissed or replaced by a form's own field error. */
  get current(): Announcement | null {
    return this.#current;
  }

  /**
   * Names what happened, with the request id when there is one worth quoting to Plivo support. It
   * leaves by itself after SUCCESS_MS; the live region has announced it by then.
   */
  success(message: Text, detail: FailureDetail | null = null): void {
    const id = ++this.#count;
    this.#current = { id, tone: 'success', message, detail, code: null };
    setTimeout(() => {
      if (this.#current?.id === id) this.#current = null;
    }, SUCCESS_MS);
  }

  /** Says what went wrong in the core's words (written for agents); it stays until the agent acts. */
  failure(error: Failure): void {
    this.#current = { id: ++this.#count, tone: 'failure', message: error.message, detail: error.detail ?? null, code: error.code };
  }

  /** Removes an outcome that no longer describes the screen. */
  clear(): void {
    this.#current = null;
  }
}

/**
 * One action at a time. The core refuses a second call action while one is pending, but the agent
 * should never get that far: from the click until the result, every action button is disabled
 * here, so a double click can never send twice.
 */
import type { SessionAction } from '../../main/contract/domain';
import type { FailureDetail, Result } from '../../main/contract/result';
import type { Text } from '../../main/contract/text';
import { settle } from '../lib/api';
import { fieldOf } from '../lib/fields';
import type { Announcer } from './announcer.svelte';

/** How an action's outcome is told. */
export interface Report<T> {
  /** The sentence naming what happened. */
  success: (value: T) => Text;
  /** Facts worth keeping under Details after a success (a request id). */
  detail?: (value: T) => FailureDetail | null;
  /** Fields of the asking form: a failure naming one is shown beside it instead of announced. */
  fields?: readonly string[];
}

/** Tracks the action under way and reports every outcome through the announcer. */
export class Activity {
  #running = $state<string | null>(null);
  readonly #announcer: Announcer;
  readonly #sessionPending: () => SessionAction | null;

  /** `sessionPending` reads the snapshot, the truth about a call action in flight. */
  constructor(announcer: Announcer, sessionPending: () => SessionAction | null) {
    this.#announcer = announcer;
    this.#sessionPending = sessionPending;
  }

  /** Whether any action is under way, here or (per the snapshot) in the core: every action button waits. */
  get busy(): boolean {
    return this.#running !== null || this.#sessionPending() !== null;
  }

  /**
   * Whether the button for `key` started the action under way. `action` lets a button claim a
   * pending action the core reports that this window did not start (after a reload).
   */
  isRunning(key: string, action?: SessionAction): boolean {
    if (this.#running !== null) return this.#running === key;
    return action !== undefined && this.#sessionPending() === action;
  }

  /**
   * Runs `request` unless something is already under way (then returns null and sends nothing),
   * and announces its outcome.
   */
  async run<T>(key: string, request: () => Promise<Result<T>>, report: Report<T>): Promise<Result<T> | null> {
    if (this.busy) return null;
    this.#running = key;
    // The last outcome described the screen before this action; it must not linger beside the next.
    this.#announcer.clear();
    try {
      const result = await settle(request);
      if (result.ok) {
        this.#announcer.success(report.success(result.value), report.detail?.(result.value) ?? null);
      } else if (fieldOf(result.error, report.fields ?? []) !== null) {
        this.#announcer.clear();
      } else {
        this.#announcer.failure(result.error);
      }
      return result;
    } finally {
      this.#running = null;
    }
  }
}

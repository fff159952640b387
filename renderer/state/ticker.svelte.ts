/**
 * The one clock the call view's timers read. It ticks once a second only while something on screen
 * reads it, and only the text that reads it updates: the rest of the view is not rendered again.
 */
import { createSubscriber } from 'svelte/reactivity';

/** A second-by-second "now" for elapsed times. */
export class Ticker {
  readonly #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, 1000);
    return () => {
      clearInterval(timer);
    };
  });

  /** Milliseconds since the epoch, re-read every second by whatever shows it. */
  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}

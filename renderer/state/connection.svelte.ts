/**
 * Whether Plivo answers, as the core's checks found it: the core pushes every change
 * (`connection:changed`), this class holds the latest and a clock that ticks only while the header
 * shows how long ago the last check was.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { HandoffApi } from '../../main/contract/bridge';
import type { ConnectionStatus } from '../../main/contract/domain';
import type { Text } from '../../main/contract/text';
import { settle } from '../lib/api';
import type { Announcer } from './announcer.svelte';

/** Plivo's reachability and the time it was last checked, for the header and the Open call sentence. */
export class ConnectionModel {
  #status = $state.raw<ConnectionStatus | null>(null);
  /** Bumped by every event, so a `connection.status` answer older than an event is dropped. */
  #events = 0;
  readonly #api: HandoffApi;
  readonly #announcer: Announcer;
  // A timer only while something shows the age of the check, so a hidden window costs nothing.
  readonly #tick = createSubscriber((update) => {
    const timer = setInterval(update, 1000);
    return () => {
      clearInterval(timer);
    };
  });

  /** The announcer hears about a failed read; the header then says "not checked". */
  constructor(api: HandoffApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** The last status the core reported, or null before the first read. */
  get status(): ConnectionStatus | null {
    return this.#status;
  }

  /** The time now, re-read every second while shown, so "checked 0:40 ago" counts up. */
  get now(): number {
    this.#tick();
    return Date.now();
  }

  /** Why Plivo is not reachable as far as the last check knows, or null when it is (or nobody knows yet). */
  get unreachableReason(): Text | null {
    return this.#status?.state === 'unreachable' ? this.#status.reason : null;
  }

  /** Takes a status pushed by the core. */
  receive(status: ConnectionStatus): void {
    this.#events += 1;
    this.#status = status;
  }

  /** Reads the status once at start; later ones arrive as events. */
  async load(): Promise<void> {
    const seen = this.#events;
    const result = await settle(() => this.#api.connection.status());
    if (seen !== this.#events) return;
    if (result.ok) this.#status = result.value;
    else this.#announcer.failure(result.error);
  }
}

/**
 * The Transfer to list and the directory's status, as the core answers them. The core searches
 * (the directory lives there, too large to copy into the window), so one request goes per
 * keystroke at most: while one is under way, later keystrokes coalesce into the newest query,
 * and an answer for a query the agent has since changed is dropped, never shown.
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type { DirectoryGroup, DirectoryStatus } from '../../main/contract/domain';
import type { Result } from '../../main/contract/result';
import { settle } from '../lib/api';
import type { Announcer } from './announcer.svelte';

/** The field's own bound: the core refuses a longer query, so it is cut here instead. */
const MAX_QUERY = 256;

/** What the list shows and what the Settings view says about the directory files. */
export class DirectoryModel {
  #groups = $state.raw<DirectoryGroup[]>([]);
  #status = $state.raw<DirectoryStatus | null>(null);
  /** The newest query not yet sent, or null. */
  #wanted: string | null = null;
  #sending = false;
  /** Bumped by every keystroke, so an answer can tell whether the agent typed on since it was asked. */
  #asked = 0;
  readonly #api: HandoffApi;
  readonly #announcer: Announcer;

  /** Favorite changes that fail are announced; searches fail silently (the field still dials). */
  constructor(api: HandoffApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** The groups of the list for the latest query answered. */
  get groups(): DirectoryGroup[] {
    return this.#groups;
  }

  /** How the files were read, for Settings; null until asked. */
  get status(): DirectoryStatus | null {
    return this.#status;
  }

  /** Asks for matches (favorites and recents for an empty query), coalescing fast typing. */
  search(query: string): void {
    this.#wanted = query.slice(0, MAX_QUERY);
    this.#asked += 1;
    if (!this.#sending) void this.#send();
  }

  /** Empties the list, e.g. once a transfer went through and the field is cleared. */
  clear(): void {
    this.#wanted = null;
    this.#asked += 1;
    this.#groups = [];
  }

  /** Stars or unstars an address; answers whether it is now a favorite, or null when refused. */
  async toggleFavorite(address: string, name: string): Promise<boolean | null> {
    const result = await settle(() => this.#api.directory.toggleFavorite(name === '' ? { address } : { address, name }));
    if (!result.ok) {
      this.#announcer.failure(result.error);
      return null;
    }
    return result.value.favorite;
  }

  /** Reads how the directory files were loaded. */
  async loadStatus(): Promise<void> {
    const result: Result<DirectoryStatus> = await settle(() => this.#api.directory.status());
    if (result.ok) this.#status = result.value;
  }

  async #send(): Promise<void> {
    this.#sending = true;
    try {
      while (this.#wanted !== null) {
        const query = this.#wanted;
        this.#wanted = null;
        const asked = this.#asked;
        const result = await settle(() => this.#api.directory.search({ query }));
        // The agent typed on meanwhile: this answer is already out of date, and the newer one is coming.
        if (result.ok && asked === this.#asked) this.#groups = result.value.groups;
      }
    } finally {
      this.#sending = false;
    }
  }
}

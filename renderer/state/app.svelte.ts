/**
 * Which mode Handoff runs in (live against Plivo, or the demo against the simulator), whether it is
 * ready for calls, what is wrong with the agent's settings file, and which view the agent is looking at.
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type { AppState } from '../../main/contract/domain';
import type { Text } from '../../main/contract/text';
import { settle } from '../lib/api';
import type { Announcer } from './announcer.svelte';

/** The three views of the window. */
export type View = 'call' | 'history' | 'settings';

/** The app's mode, readiness and settings problem as the core reports them, and the view shown. */
export class AppModel {
  #state = $state.raw<AppState | null>(null);
  #view = $state<View>('call');
  #loaded = $state(false);
  #dismissing = false;
  readonly #api: HandoffApi;
  readonly #announcer: Announcer;

  /** The announcer hears about a failed read; the rest of the app keeps working. */
  constructor(api: HandoffApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** Whether the first read has answered (either way), so the window does not flash the wrong view. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Live (Plivo) or demo (the built-in simulator). */
  get mode(): AppState['mode'] {
    return this.#state?.mode ?? 'live';
  }

  /** Whether settings and credentials are complete for the current mode. */
  get configured(): boolean {
    return this.#state?.configured ?? false;
  }

  /** A first run: nothing set up and not in the demo, so Settings greets the agent and offers the demo. */
  get welcome(): boolean {
    return this.#state !== null && this.mode === 'live' && !this.configured;
  }

  /** Whether the demo may be offered: IT may turn it off. */
  get demoAllowed(): boolean {
    return this.#state?.demoAllowed ?? false;
  }

  /** What is wrong with the agent's settings file, the policy or the environment, one Text each, shown in every view until dismissed. */
  get settingsProblems(): Text[] {
    return this.#state?.settingsProblems ?? [];
  }

  /** The view on screen. */
  get view(): View {
    return this.#view;
  }

  /** Switches the view (the header's Call, History and Settings buttons). */
  show(view: View): void {
    this.#view = view;
  }

  /** Takes a state the core answered with (after the demo started or stopped). */
  accept(state: AppState): void {
    this.#state = state;
  }

  /**
   * The agent has read the settings problem. The core remembers that while it runs, so it stays
   * gone after a reload; a second press while the first is under way sends nothing.
   */
  async dismissProblem(): Promise<void> {
    if (this.#dismissing) return;
    this.#dismissing = true;
    try {
      const result = await settle(() => this.#api.settings.dismissProblem());
      if (result.ok) this.#state = result.value;
      else this.#announcer.failure(result.error);
    } finally {
      this.#dismissing = false;
    }
  }

  /** Re-reads mode and readiness. */
  async refresh(): Promise<void> {
    const result = await settle(() => this.#api.app.state());
    if (result.ok) this.#state = result.value;
    else this.#announcer.failure(result.error);
    this.#loaded = true;
  }
}

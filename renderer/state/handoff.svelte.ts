/**
 * The app's state, built once from the bridge: each model owns one part of what the core reports,
 * and they share one announcer (one voice) and one activity (one action at a time).
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type { AppState } from '../../main/contract/domain';
import type { Result } from '../../main/contract/result';
import type { Text } from '../../main/contract/text';
import type { WindowShortcutId } from '../../main/shortcuts/shortcut-map';
import { text } from '../lib/words';
import { Activity } from './activity.svelte';
import { AppModel } from './app.svelte';
import { Announcer } from './announcer.svelte';
import { CallModel } from './call.svelte';
import { ConnectionModel } from './connection.svelte';
import { HistoryModel } from './history.svelte';
import { LinkModel } from './links.svelte';
import { DirectoryModel } from './directory.svelte';
import { SettingsModel } from './settings.svelte';
import { Ticker } from './ticker.svelte';

/** Everything the components read and the actions they call. */
export class Handoff {
  /** The outcome of the last action, for the live region. */
  readonly announcer = new Announcer();
  /** The action under way, shared so that one click disables every action button. */
  readonly activity: Activity;
  /** Mode, readiness and the view shown. */
  readonly app: AppModel;
  /** The current call. */
  readonly call: CallModel;
  /** Whether Plivo answers, for the header and the Open call sentence. */
  readonly connection: ConnectionModel;
  /** Settings and credential status. */
  readonly settings: SettingsModel;
  /** The journal's actions, by day. */
  readonly history: HistoryModel;
  /** What `handoff:` links asked for. */
  readonly links: LinkModel;
  /** The Transfer to list, favorites and recents, and how the directory files were read. */
  readonly directory: DirectoryModel;
  /** The second-by-second clock every timer on the call view reads. */
  readonly ticker = new Ticker();
  readonly #api: HandoffApi;

  /** Builds the models over one bridge; nothing is read until `start`. */
  constructor(api: HandoffApi) {
    this.#api = api;
    this.app = new AppModel(api, this.announcer);
    this.activity = new Activity(this.announcer, () => this.call.pending);
    this.connection = new ConnectionModel(api, this.announcer);
    this.call = new CallModel(api, this.activity, this.announcer, this.connection);
    this.settings = new SettingsModel(api, this.activity, this.announcer, this.app);
    this.history = new HistoryModel(api, this.activity, this.announcer);
    this.links = new LinkModel(api, this.activity, this.announcer, (view) => {
      this.app.show(view);
    });
    this.directory = new DirectoryModel(api, this.announcer);
  }

  /**
   * Subscribes to call and connection changes, link notices and system-wide shortcuts
   * (`onShortcut`: the window presses its own), then reads everything once; returns the unsubscribe
   * for the component's teardown. Subscribing first means no change between the read and the
   * subscription can be missed.
   */
  start(onShortcut: (id: WindowShortcutId) => void): () => void {
    const unsubscribe = [
      this.#api.onShortcut(onShortcut),
      this.#api.onSessionChange((snapshot) => {
        this.call.receive(snapshot);
      }),
      this.#api.onConnectionChange((status) => {
        this.connection.receive(status);
      }),
      this.#api.onLinkNotice((notice) => {
        this.links.receive(notice);
      }),
    ];
    void this.#load();
    return () => {
      for (const stop of unsubscribe) stop();
    };
  }

  /** Switches to the demo: its own settings, the simulator's credentials and a fresh call. */
  startDemo(): Promise<Result<AppState> | null> {
    return this.#switch('demo:start', () => this.#api.app.startDemo(), {
      success: () => text('announce.demoStarted'),
    });
  }

  /** Leaves the demo for the agent's own settings and Plivo. */
  stopDemo(): Promise<Result<AppState> | null> {
    return this.#switch('demo:stop', () => this.#api.app.stopDemo(), {
      success: () => text('announce.demoLeft'),
    });
  }

  async #switch(
    key: string,
    request: () => Promise<Result<AppState>>,
    report: { success: () => Text },
  ): Promise<Result<AppState> | null> {
    const result = await this.activity.run(
      key,
      async () => {
        const switched = await request();
        if (switched.ok) {
          this.app.accept(switched.value);
          await Promise.all([this.settings.load(), this.call.load()]);
        }
        return switched;
      },
      report,
    );
    if (result?.ok) this.app.show(this.app.welcome ? 'settings' : 'call');
    return result;
  }

  async #load(): Promise<void> {
    await Promise.all([this.app.refresh(), this.settings.load(), this.call.load(), this.connection.load()]);
    if (this.app.welcome) this.app.show('settings');
    // After the welcome's choice of view: a link's notice brings the call view up.
    await this.links.load();
  }
}

/**
 * `handoff:` links as the window meets them. The core decided already what a link may do; this
 * only shows it: a call opened or a link refused is announced, a transfer target goes into the
 * transfer field, and a question ("Open the new call?") waits here for the agent's answer.
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type { LinkNotice, SessionSnapshot } from '../../main/contract/domain';
import type { Result } from '../../main/contract/result';
import { settle } from '../lib/api';
import { text } from '../lib/words';
import type { Activity } from './activity.svelte';
import type { Announcer } from './announcer.svelte';
import type { View } from './app.svelte';

/** A transfer target a link filled in; a new `id` fills the field again. */
export interface TransferFill {
  id: string;
  to: string;
  label: string;
}

/** The link question on screen and the last transfer target a link gave. */
export class LinkModel {
  #question = $state.raw<LinkNotice | null>(null);
  #fill = $state.raw<TransferFill | null>(null);
  #seen = '';
  readonly #api: HandoffApi;
  readonly #activity: Activity;
  readonly #announcer: Announcer;
  readonly #show: (view: View) => void;

  /** `show` brings the call view up, where a link's call or transfer field is. */
  constructor(api: HandoffApi, activity: Activity, announcer: Announcer, show: (view: View) => void) {
    this.#api = api;
    this.#activity = activity;
    this.#announcer = announcer;
    this.#show = show;
  }

  /** The question waiting for the agent ("Open the new call?"), or null. */
  get question(): LinkNotice | null {
    return this.#question;
  }

  /** The transfer target the last transfer link gave, for the transfer field, until the field takes it. */
  get fill(): TransferFill | null {
    return this.#fill;
  }

  /** The field has filled itself from the link: a later transfer panel (after a transfer, on the next call) starts empty. */
  takeFill(): void {
    this.#fill = null;
  }

  /** Reads the notice waiting in the core, for a window that just (re)loaded. */
  async load(): Promise<void> {
    const result = await settle(() => this.#api.link.current());
    if (result.ok) this.receive(result.value);
  }

  /** Takes a notice the core pushed (null: it was answered). Each is handled once, however it arrived. */
  receive(notice: LinkNotice | null): void {
    if (notice === null) {
      this.#question = null;
      return;
    }
    if (notice.id === this.#seen) return;
    this.#seen = notice.id;
    this.#show('call');
    if (notice.kind === 'ask') {
      this.#question = notice;
      return;
    }
    if (notice.kind === 'refused') this.#announcer.failure({ code: 'invalid_input', message: notice.message });
    else this.#announcer.success(notice.message);
    if (notice.kind === 'fill' && notice.link !== null) this.#fill = { id: notice.id, to: notice.link.displayTo, label: notice.link.name ?? '' };
    // Shown: the core need not offer it to a reloaded window again.
    void settle(() => this.#api.link.answer({ id: notice.id, open: false }));
  }

  /** The agent's answer to the question: open the link's call (replacing the open one), or keep things as they are. */
  answer(open: boolean): Promise<Result<SessionSnapshot | null> | null> {
    const question = this.#question;
    if (question === null) return Promise.resolve(null);
    return this.#activity.run(
      open ? 'link:open' : 'link:keep',
      async () => {
        const result = await this.#api.link.answer({ id: question.id, open });
        // A refused answer leaves the question up, so the link is not lost; the core pushes null once it is settled.
        if (result.ok) this.#question = null;
        return result;
      },
      { success: () => text(open ? 'announce.linkOpened' : 'announce.linkSetAside') },
    );
  }
}

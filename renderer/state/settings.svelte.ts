/**
 * The settings and whether credentials are saved, as the core reports them. The Auth Token goes
 * from the field straight to `credentials.save` and is never kept here: the core never returns it,
 * and the renderer never holds on to it.
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type { ChannelInput } from '../../main/contract/ipc';
import type { ConnectionCheck, CredentialStatus, Role, Settings, SettingsView } from '../../main/contract/domain';
import type { Result } from '../../main/contract/result';
import { settle } from '../lib/api';
import { text } from '../lib/words';
import type { Activity } from './activity.svelte';
import type { Announcer } from './announcer.svelte';

/**
 * Credentials the agent typed: both when none are saved, or the one(s) they chose to replace,
 * the other staying as saved in the keychain.
 */
export type CredentialsChange =
  | { kind: 'save'; input: ChannelInput<'credentials:save'> }
  | { kind: 'replace'; input: ChannelInput<'credentials:replace'> };

/**
 * What the Settings form sends: its fields of the contract's patch (so nothing the core refuses,
 * such as where requests go, can creep in), and credentials when the agent typed some. The timeout
 * and the journal's retention are IT's to tune, in settings.json or by policy, so the form leaves them out.
 */
export interface SettingsChange {
  settings: Required<Omit<ChannelInput<'settings:update'>, 'requestTimeoutMs' | 'journalRetentionDays' | keyof DeskChange>>;
  credentials: CredentialsChange | null;
}

/** The desktop settings, saved on their own (each checkbox as it changes), so they never wait on the PHLO form. */
export type DeskChange = Pick<ChannelInput<'settings:update'>, 'bringToFrontShortcut' | 'keepOnTop' | 'notifyOutcomes' | 'language'>;

/** The desktop fields a failure can point at. */
export const DESK_FIELDS = ['bringToFrontShortcut', 'keepOnTop', 'notifyOutcomes', 'language'] as const satisfies readonly (keyof DeskChange)[];

/** The Settings form's fields a failure can point at. */
export const SETTINGS_FIELDS = [
  'phloId',
  'nodeId',
  'agentAddress',
  'defaultCountry',
  'defaultRole',
  'authId',
  'authToken',
] as const satisfies readonly (keyof ChannelInput<'settings:update'> | keyof ChannelInput<'credentials:save'>)[];

/** What the settings model needs to know about the app: whether it is ready, and how to re-read that. */
export interface AppStatus {
  readonly configured: boolean;
  refresh(): Promise<void>;
}

/** A fallback used only until the settings arrive; the core's own default is the same. */
const FALLBACK_COUNTRY = 'US';

/** The current profile's settings and credential status, and the actions of the Settings view. */
export class SettingsModel {
  #view = $state.raw<SettingsView | null>(null);
  #credentials = $state.raw<CredentialStatus | null>(null);
  /** Bumped when the settings come from elsewhere (start, demo switch), so the form starts over. */
  #revision = $state(0);
  readonly #api: HandoffApi;
  readonly #activity: Activity;
  readonly #announcer: Announcer;
  readonly #app: AppStatus;

  /** `app` is re-read after every change, since saving may make Handoff ready for calls (or not). */
  constructor(api: HandoffApi, activity: Activity, announcer: Announcer, app: AppStatus) {
    this.#api = api;
    this.#activity = activity;
    this.#announcer = announcer;
    this.#app = app;
  }

  /** The stored settings, or null until loaded. */
  get settings(): Settings | null {
    return this.#view?.settings ?? null;
  }

  /** Where requests really go (an environment override wins over the stored URL). */
  get effectivePhloBaseUrl(): string | null {
    return this.#view?.effectivePhloBaseUrl ?? null;
  }

  /** Whether these settings can be changed: the demo's are fixed, and the core refuses to change them. */
  get editable(): boolean {
    return this.#view?.editable ?? true;
  }

  /** Fields machine policy sets: shown read-only, with who set them. */
  get enforced(): readonly (keyof Settings)[] {
    return this.#view?.enforced ?? [];
  }

  /** How numbers typed without a `+` are read. */
  get defaultCountry(): string {
    return this.#view?.settings.defaultCountry ?? FALLBACK_COUNTRY;
  }

  /** The agent's stored address as they would type it, formatted by the core, or null when unset. */
  get agentDisplayAddress(): string | null {
    return this.#view?.agentDisplayAddress ?? null;
  }

  /** The core's word on a typed address, read with the form's (maybe unsaved) default country. */
  checkAddress(text: string, country: string): Promise<Result<string>> {
    return settle(() => this.#api.address.check({ text, country }));
  }

  /** The role the transfer panel starts with. */
  get defaultRole(): Role {
    return this.#view?.settings.defaultRole ?? 'agent';
  }

  /** Whether credentials are saved, with the Auth ID masked; never the token. */
  get credentials(): CredentialStatus | null {
    return this.#credentials;
  }

  /** Changes whenever the form should drop what was typed and show the stored values. */
  get revision(): number {
    return this.#revision;
  }

  /** Reads settings and credential status; a failure is announced (the form still works with defaults). */
  async load(): Promise<void> {
    const [view, credentials] = await Promise.all([
      settle(() => this.#api.settings.get()),
      settle(() => this.#api.credentials.status()),
    ]);
    if (view.ok) this.#view = view.value;
    else this.#announcer.failure(view.error);
    if (credentials.ok) this.#credentials = credentials.value;
    else this.#announcer.failure(credentials.error);
    this.#revision += 1;
  }

  /**
   * Saves the settings, then the credentials if typed; stops at the first refusal so the form can
   * point at it. `key` names the button that asked (Test connection saves first too).
   */
  save(change: SettingsChange, key = 'settings:save'): Promise<Result<null> | null> {
    return this.#activity.run(key, () => this.#save(change), {
      success: () =>
        text('settings.saved', { saved: change.credentials === null ? 'settings' : 'credentials', ready: this.#app.configured ? 'yes' : 'no' }),
      fields: SETTINGS_FIELDS,
    });
  }

  /**
   * Saves desktop settings on their own. The shell applies them at once; when the OS refuses the
   * shortcut the rest is saved all the same, so the stored values are read back either way.
   */
  saveDesk(change: DeskChange): Promise<Result<SettingsView> | null> {
    return this.#activity.run(
      'settings:desk',
      async () => {
        const saved = await this.#api.settings.update(change);
        // Not `load`: that starts the forms over, and the refusal must stay beside its field.
        const view = saved.ok ? saved : await this.#api.settings.get();
        if (view.ok) this.#view = view.value;
        return saved;
      },
      { success: () => text('settings.deskSaved'), fields: DESK_FIELDS },
    );
  }

  /** Reads the PHLO's multi-party call node with the stored settings and credentials; a refusal about a field is shown beside it. */
  testConnection(): Promise<Result<ConnectionCheck> | null> {
    return this.#activity.run('connection:test', () => this.#api.connection.test(), {
      success: ({ nodeName }) => text('settings.connectionWorks', { nodeName }),
      detail: ({ apiId }) => ({ apiId }),
      fields: SETTINGS_FIELDS,
    });
  }

  /** Removes the saved credentials from the OS keychain. */
  forgetCredentials(): Promise<Result<CredentialStatus> | null> {
    return this.#activity.run(
      'credentials:clear',
      async () => {
        const result = await this.#api.credentials.clear();
        if (result.ok) {
          this.#credentials = result.value;
          await this.#app.refresh();
        }
        return result;
      },
      { success: () => text('settings.credentialsForgotten') },
    );
  }

  async #save(change: SettingsChange): Promise<Result<null>> {
    const saved = await this.#api.settings.update(change.settings);
    if (!saved.ok) return saved;
    this.#view = saved.value;
    const { credentials } = change;
    const stored =
      credentials === null
        ? null
        : credentials.kind === 'save'
          ? await this.#api.credentials.save(credentials.input)
          : await this.#api.credentials.replace(credentials.input);
    // The settings count even when the credentials did not, so readiness is re-read either way.
    await this.#app.refresh();
    if (stored === null) return { ok: true, value: null };
    if (!stored.ok) {
      // The settings are already on disk: a bare "keychain unavailable" would read as if nothing was saved.
      return { ok: false, error: { ...stored.error, message: { id: 'settings.credentialsNotSaved', params: { reason: stored.error.message } } } };
    }
    this.#credentials = stored.value;
    return { ok: true, value: null };
  }
}

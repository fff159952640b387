/**
 * Builds Handoff's core from the real parts (file system, OS keychain, HTTP) and wires them.
 * The Electron shell and the browser preview both start from here; nothing here imports Electron.
 */
import { createReachability } from './connection/reachability';
import type { AppState, HistoryExport, Settings } from './contract/domain';
import type { EventName, EventPayloads } from './contract/ipc';
import { ok, fail, type Result } from './contract/result';
import { text, type Text } from './contract/text';
import { createCredentialStore } from './credentials/credential-store';
import { loadKeytar } from './credentials/keychain';
import { startDemoProfile, type DemoProfile } from './demo/demo-profile';
import { createDirectory, type Directory } from './directory/directory';
import { createChannelHandlers, type ChannelHandlers } from './handlers/channel-handlers';
import { createLanguageService, languagesFromEnv, type LanguageService } from './i18n/language';
import { historyDay, historyExport } from './journal/history';
import { createJournal, type Journal } from './journal/journal';
import { dayOf } from './journal/journal-files';
import { restoreCall, type RestoredCall } from './journal/restore';
import { createLinkInbox } from './links/link-inbox';
import { createLogger, type Logger } from './log/logger';
import { createPhloClient } from './phlo/phlo-client';
import { createPhloHttp, type PlatformFetch } from './phlo/phlo-http';
import { loadPolicy } from './policy/machine-policy';
import { runPlutil } from './policy/managed-preferences';
import { policyFolder } from './policy/policy-folder';
import { runRegQuery } from './policy/registry-policy';
import { createProfile, type Profile } from './profile/profile';
import { createSettingsStore } from './settings/settings-store';

/** Where the core keeps its files and which environment overrides it honours. */
export interface CoreOptions {
  /** Electron's userData in the app; `HANDOFF_DATA_DIR` overrides it. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** The keychain service name; tests pass their own (or set HANDOFF_KEYCHAIN_SERVICE) so they never touch an agent's entry. */
  keychainService?: string;
  /** The platform's fetch for PHLO requests: Electron's, which follows the system proxy; without it, Node's, which follows the proxy variables in `env`. */
  fetch?: PlatformFetch;
  /** The compiled catalogs (`out/locales`, which the build writes). */
  catalogDir: string;
  /** The OS's preferred languages, best first (Electron's `app.getPreferredSystemLanguages()`); without it the window's own are used. */
  systemLanguages?: () => readonly string[];
  /** Saves an exported file where the agent chooses (Electron's save dialog); without it the page downloads the text. */
  saveFile?: (fileName: string, text: string) => Promise<Result<HistoryExport>>;
}

/** One event for the renderer with its contract payload, so every transport forwards each the same way. */
export type CoreEvent = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName];

/** What only the Electron shell can do with the desktop settings; the preview has no shell. */
export interface DeskShell {
  /** Applies them (global shortcut, keep on top); returns why the OS refused the shortcut, or null. */
  apply(settings: Settings): Text | null;
}

/** The running core: the channel handlers, the event source, and its log. */
export interface Core {
  handlers: ChannelHandlers;
  logger: Logger;
  /** The Transfer to directory: tests wait for its files with `ready()`. */
  directory: Directory;
  /** Formats the main process's own words (tray, notifications, dialogs) in the agent's language. */
  language: LanguageService;
  /** Calls `listener` after every change of the call, of Plivo's reachability and of a link's notice. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Takes a `handoff:` link from outside (command line, a second instance, macOS open-url); resolves once it is acted on. */
  deliverLink(text: string): Promise<void>;
  /** The agent's own settings (never the demo's): the desktop ones apply to the app whatever the mode. */
  settings(): Settings;
  /** Connects the shell, applying the settings now and after every save. */
  attachShell(shell: DeskShell): void;
  /** Whether the preview opens in the demo: allowed, nothing set up yet, and no settings problem the agent must see first. */
  offersDemo(): Promise<boolean>;
  /** Stops the reachability checks, the directory's folder watches and the demo's simulator, once no check is in flight. */
  close(): Promise<void>;
  /** Resolves once no reachability check is under way, so a test's next request meets the simulator alone. */
  checksSettled(): Promise<void>;
}

/** The keychain entry's service name in the real app. */
const KEYCHAIN_SERVICE = 'Handoff Plivo';

/** Builds the core; the data folder is `HANDOFF_DATA_DIR` when set. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = options.env['HANDOFF_DATA_DIR'] ?? options.dataDir;
  const logger = createLogger({ dataDir, level: options.env['HANDOFF_LOG_LEVEL'] });
  const phlo = createPhloClient(createPhloHttp({ fetch: options.fetch, env: options.env, logger }), logger);
  const policy = await loadPolicy({ platform: process.platform, env: options.env, query: runRegQuery, plutil: runPlutil, logger });
  const settings = await createSettingsStore({ dataDir, env: options.env, logger, policy });
  const journal = createJournal({ dataDir, logger, now: () => new Date() });
  // Restored before pruning: a call opened on a day retention is about to drop must still come back.
  const restored = restore(journal, logger);
  journal.prune(settings.current().journalRetentionDays);
  const live = createProfile({
    settings,
    journal,
    restored,
    credentials: createCredentialStore(loadKeytar, {
      service: options.keychainService ?? options.env['HANDOFF_KEYCHAIN_SERVICE'] ?? KEYCHAIN_SERVICE,
      logger,
    }),
    phlo,
    logger,
  });
  // The agent's own country reads both directories, whichever profile is in use.
  const directory = await createDirectory({
    dataDir,
    policyDir: policyFolder(process.platform, options.env),
    defaultCountry: () => live.settings.current().defaultCountry,
    logger,
  });
  const envLanguages = languagesFromEnv(options.env);
  const language = await createLanguageService({
    catalogDir: options.catalogDir,
    setting: () => live.settings.current().language,
    system: () => envLanguages ?? options.systemLanguages?.() ?? null,
    logger,
  });
  let demo: (DemoProfile & { unsubscribe: () => void }) | null = null;
  const active = (): Profile => demo?.profile ?? live;

  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent) => {
    for (const listener of listeners) listener(event);
  };
  const reachability = createReachability({
    check: () => active().testConnection(),
    ready: () => active().isConfigured(),
    now: () => new Date(),
    after: (ms, run) => {
      const timer = setTimeout(run, ms);
      // A pending check must never keep the process alive after the window closed.
      timer.unref();
      return () => {
        clearTimeout(timer);
      };
    },
    random: Math.random,
    logger,
  });
  reachability.onChange((status) => {
    emit({ event: 'connection:changed', payload: status });
  });
  const publish = () => {
    const snapshot = active().session.snapshot();
    reachability.callOpen(snapshot !== null);
    emit({ event: 'session:changed', payload: snapshot });
  };
  const demoAllowed = () => live.settings.current().allowDemo;
  const links = createLinkInbox({
    session: () => active().session,
    defaultCountry: () => active().settings.current().defaultCountry,
    logger,
    publish: (notice) => {
      emit({ event: 'link:notice', payload: notice });
    },
  });
  let shell: DeskShell | null = null;
  // Why the OS refused the global shortcut: shown with the settings problems until fixed or dismissed.
  let shellProblem: Text | null = null;
  const applyShell = (): Text | null => {
    shellProblem = shell?.apply(live.settings.current()) ?? null;
    if (shellProblem !== null) logger.warn({ problem: shellProblem }, 'desktop settings not fully applied');
    return shellProblem;
  };
  const forward = (profile: Profile) => profile.session.onChange(() => {
    if (active() === profile) publish();
  });
  forward(live);

  async function state(): Promise<Result<AppState>> {
    return ok({
      mode: demo === null ? 'live' : 'demo',
      configured: await active().isConfigured(),
      settingsProblems: settingsProblems(),
      demoAllowed: demoAllowed(),
    });
  }

  /** The agent's settings problems (the file, the policy, the environment, the language) and the shell's, one Text each. */
  function settingsProblems(): Text[] {
    return shellProblem === null ? live.settings.problems() : [...live.settings.problems(), shellProblem];
  }

  async function startDemo(): Promise<Result<AppState>> {
    if (demo !== null) return state();
    if (!demoAllowed()) return fail('enforced_by_policy', text('error.demoTurnedOff'));
    if (live.session.snapshot() !== null) return fail('invalid_state', text('error.demoWithCallOpen'));
    let started: DemoProfile;
    try {
      started = await startDemoProfile({ phlo, logger });
    } catch (error) {
      logger.error({ err: error }, 'demo did not start');
      return fail('internal', text('error.demoFailed'));
    }
    demo = { ...started, unsubscribe: forward(started.profile) };
    logger.info('demo started');
    reachability.changed();
    publish();
    return state();
  }

  async function dropDemo(): Promise<void> {
    const stopping = demo;
    demo = null;
    stopping?.unsubscribe();
    await stopping?.close();
  }

  async function stopDemo(): Promise<Result<AppState>> {
    if (demo === null) return state();
    if (demo.profile.session.snapshot()?.pending != null) return fail('busy', text('session.busy'));
    await dropDemo();
    logger.info('demo stopped');
    reachability.changed();
    publish();
    return state();
  }

  // A call the journal restored is open from the start: it gets the same pace of checks as any other.
  reachability.callOpen(live.session.snapshot() !== null);
  reachability.changed();

  async function exportHistory(from: string, to: string): Promise<Result<HistoryExport>> {
    // The file's header and words in the agent's language, as the window shows History.
    const made = historyExport(journal, from, to, language.translator());
    if (!made.ok) return made;
    const { fileName, csv } = made.value;
    return options.saveFile === undefined ? ok({ kind: 'download', fileName, csv }) : options.saveFile(fileName, csv);
  }

  const handlers = createChannelHandlers({
    profile: active,
    connection: reachability,
    directory,
    language,
    app: {
      state,
      startDemo,
      stopDemo,
      dismissSettingsProblem: () => {
        live.settings.dismissProblem();
        shellProblem = null;
        return state();
      },
    },
    history: {
      list: (day) => historyDay(journal, day ?? dayOf(new Date())),
      export: exportHistory,
    },
    links: { current: () => links.current(), answer: (id, open) => links.answer(id, open) },
  });
  const update = handlers['settings:update'];
  handlers['settings:update'] = async (patch) => {
    const country = live.settings.current().defaultCountry;
    const spoken = language.translator().tag;
    const saved = await update(patch);
    // The demo's settings never change, and the desktop ones are the agent's own.
    if (!saved.ok || active() !== live) return saved;
    const catalog = await language.catalog();
    if (catalog.tag !== spoken) emit({ event: 'language:changed', payload: catalog });
    // The directories' numbers were read with the agent's country; another one reads them anew.
    if (live.settings.current().defaultCountry !== country) void directory.reread();
    const refused = applyShell();
    return refused === null ? saved : fail('shortcut_unavailable', text('error.savedButShortcutRefused', { refused }), { field: 'bringToFrontShortcut' });
  };

  return {
    handlers,
    logger,
    directory,
    language,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deliverLink: (text) => links.deliver(text),
    settings: () => live.settings.current(),
    attachShell(attached) {
      shell = attached;
      applyShell();
    },
    offersDemo: async () => demoAllowed() && live.settings.problems().length === 0 && !(await live.isConfigured()),
    async close() {
      directory.close();
      links.stop();
      reachability.close();
      await reachability.settled();
      await dropDemo();
    },
    checksSettled: () => reachability.settled(),
  };
}

/** The call the journal says was open when Handoff last stopped without closing it; an unreadable journal restores nothing. */
function restore(journal: Journal, logger: Logger): RestoredCall | null {
  try {
    const restored = restoreCall(journal.readAll().entries);
    if (restored !== null) {
      logger.warn({ sessionId: restored.snapshot.id, unconfirmed: restored.unconfirmed !== null }, 'call restored from the journal after an unexpected stop');
    }
    return restored;
  } catch (error) {
    logger.error({ err: error, dir: journal.dir }, 'journal could not be read; no call restored');
    return null;
  }
}

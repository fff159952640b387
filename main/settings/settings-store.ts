/**
 * Settings live in `<dataDir>/settings.json`, which IT may preset. The file is read through the
 * same schemas the Settings form is checked with, so a preset can never hold what the form would
 * refuse; a file that fails is set aside, not silently half-used. Machine policy sits around it:
 * its defaults under what the agent set, what it enforces over it.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import writeFileAtomic from 'write-file-atomic';
import { formatAddress, parseAddress } from '../address/address';
import type { Settings, SettingsView } from '../contract/domain';
import { PhloBaseUrlSchema, SettingsFields, SettingsFileSchema, SettingsPatchSchema } from '../contract/ipc';
import { issueText } from '../contract/known-text';
import { fail, ok, type Result } from '../contract/result';
import { text, type Text } from '../contract/text';
import { languageProblem } from '../i18n/language';
import type { Logger } from '../log/logger';
import type { Policy } from '../policy/machine-policy';

/** Where the file lives, which environment overrides and machine policy apply, and where problems are logged. */
export interface SettingsStoreOptions {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Already checked; none when left out. */
  policy?: Policy;
}

/** The settings in memory, always matching the file on disk once a change is accepted. */
export interface SettingsStore {
  /** What the Settings screen shows. */
  view(): SettingsView;
  /**
   * What was wrong with the file, the policy or the environment at start, and a language Handoff
   * does not have, one Text each, until the agent dismisses them; none is an empty list.
   */
  problems(): Text[];
  /** The agent has read the problem. */
  dismissProblem(): void;
  /** The settings a request is built from: policy and the agent's own, merged. */
  current(): Settings;
  /** Where PHLO requests go. */
  effectivePhloBaseUrl(): string;
  /** Checks and saves a change; on any failure neither the file nor memory changes. */
  update(patch: unknown): Promise<Result<SettingsView>>;
}

/** What every setting is until IT or the agent sets it. */
export const DEFAULT_SETTINGS: Settings = {
  phloId: null,
  nodeId: null,
  agentAddress: null,
  defaultRole: 'agent',
  defaultCountry: 'US',
  phloBaseUrl: 'https://phlorunner.plivo.com/v1/',
  requestTimeoutMs: 10000,
  allowDemo: true,
  journalRetentionDays: 90,
  bringToFrontShortcut: null,
  keepOnTop: false,
  notifyOutcomes: true,
  language: 'system',
};

const ENV_BASE_URL = 'HANDOFF_PHLO_BASE_URL';

/** What the Settings screen gets, the agent's address already formatted: the window has no address metadata. */
export function settingsView(
  settings: Settings,
  effectivePhloBaseUrl: string,
  access: Pick<SettingsView, 'editable' | 'enforced'>,
): SettingsView {
  return {
    settings: { ...settings },
    agentDisplayAddress: settings.agentAddress === null ? null : formatAddress(settings.agentAddress, settings.defaultCountry),
    effectivePhloBaseUrl,
    editable: access.editable,
    enforced: [...access.enforced],
  };
}

/** Loads the settings file (or the defaults) and returns the store around it. */
export async function createSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const logger = options.logger.child({ module: 'settings' });
  const file = join(options.dataDir, 'settings.json');
  const policy: Policy = options.policy ?? { defaults: {}, enforced: {}, problems: [] };
  const enforced = Object.keys(policy.enforced) as (keyof Settings)[];
  // What the agent sees where they set nothing: built-in defaults under the policy's, normalised as stored.
  const defaults: Settings = { ...DEFAULT_SETTINGS, ...policy.defaults };
  const inherited: Settings = { ...defaults, phloBaseUrl: withOneSlash(defaults.phloBaseUrl) };
  // Precedence, lowest first: built-in defaults, policy defaults, the agent's own, policy enforced.
  const resolve = (own: Partial<Settings>): Settings => {
    const merged = { ...inherited, ...own, ...policy.enforced };
    return { ...merged, phloBaseUrl: withOneSlash(merged.phloBaseUrl) };
  };
  const loaded = await load(file, resolve({}), logger);
  const override = readOverride(options.env, enforced.includes('phloBaseUrl'), logger);
  // Only what the agent (or a preset) set is stored, so a policy default changed later reaches them.
  let own = loaded.own;
  let settings = resolve(own);
  let fileProblem = loaded.problem;
  let dismissed = false;
  // Updates run one after another, so two quick changes cannot both start from the same old settings.
  let updating: Promise<unknown> = Promise.resolve();

  const effectivePhloBaseUrl = () => override.url ?? settings.phloBaseUrl;

  function view(): SettingsView {
    return settingsView(settings, effectivePhloBaseUrl(), { editable: true, enforced });
  }

  /** The agent's own settings after a change: what they had, plus what now differs from what they inherit. */
  function ownAfter(next: Settings): Partial<Settings> {
    const kept = (Object.keys(next) as (keyof Settings)[]).filter(
      (key) => Object.hasOwn(own, key) || (!enforced.includes(key) && next[key] !== inherited[key]),
    );
    // An enforced field keeps the agent's own value on disk, for the day the policy lets go of it.
    return Object.fromEntries(kept.map((key) => [key, enforced.includes(key) ? own[key] : next[key]]));
  }

  async function save(patch: unknown): Promise<Result<SettingsView>> {
    const next = applyPatch(settings, patch, SettingsPatchSchema);
    if (!next.ok) {
      logger.warn({ field: next.error.detail?.field, code: next.error.code }, 'settings change refused');
      return next;
    }
    // The form sends every field it shows, enforced ones too, unchanged: that is no change, and is saved.
    const locked = enforced.find((key) => next.value[key] !== settings[key]);
    if (locked !== undefined) {
      logger.warn({ field: locked, code: 'enforced_by_policy' }, 'settings change refused');
      return fail('enforced_by_policy', text('settings.problem.setByOrganization'), { field: locked });
    }
    const nextOwn = ownAfter(next.value);
    try {
      await mkdir(options.dataDir, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(nextOwn, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      logger.error({ err: error, file }, 'settings could not be saved');
      return fail('internal', text('settings.problem.notSaved', { file, reason: reasonOf(error) }));
    }
    own = nextOwn;
    settings = resolve(own);
    // The file now holds what the agent saved: a problem with the old one no longer applies.
    fileProblem = null;
    logger.info({ file }, 'settings saved');
    return ok(view());
  }

  return {
    view,
    // The policy's problems are back at every start until IT fixes them; the agent can only hide them for this run.
    // The language's is read from the settings in force, so it goes as soon as a language Handoff has is chosen.
    problems: () =>
      dismissed ? [] : [fileProblem, override.problem, ...policy.problems, languageProblem(settings.language)].filter((p) => p !== null),
    dismissProblem: () => {
      dismissed = true;
    },
    current: () => ({ ...settings }),
    effectivePhloBaseUrl,
    update(patch) {
      const run = updating.then(() => save(patch));
      updating = run;
      return run;
    },
  };
}

/** What the agent's file holds, and why none of it is used when it is unusable. */
interface Loaded {
  own: Partial<Settings>;
  problem: Text | null;
}

/** Why a file is unusable as a whole: the `why` choice of the set-aside messages, and what it names. */
interface Unusable {
  why: 'notJson' | 'notObject' | 'field' | 'setting';
  /** The JSON parser's own words, for `notJson`. */
  error?: string;
  /** The setting refused, for `field`. */
  field?: string;
  /** Why it was refused, for `field` and `setting`. */
  problem?: Text;
}

/**
 * Reads the file; anything unusable is moved aside and nothing of it is used, with one sentence
 * why. `inherited` is what the file's settings land on, so an agent number is read with the
 * country in force.
 */
async function load(file: string, inherited: Settings, logger: Logger): Promise<Loaded> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { own: {}, problem: null };
    logger.error({ err: error, file }, 'settings file could not be read');
    return { own: {}, problem: text('settings.problem.unreadable', { file, reason: reasonOf(error) }) };
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return setAside(file, { why: 'notJson', error: reasonOf(error) }, logger);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return setAside(file, { why: 'notObject' }, logger);
  }
  const known = Object.fromEntries(Object.entries(data).filter(([key]) => Object.hasOwn(SettingsFields, key)));
  const read = applyPatch(inherited, known, SettingsFileSchema);
  if (!read.ok) {
    const field = read.error.detail?.field;
    const problem = read.error.message;
    return setAside(file, field === undefined ? { why: 'setting', problem } : { why: 'field', field, problem }, logger);
  }
  // Normalised as the rules store them; keys the file left out stay the agent's to inherit.
  const own = Object.fromEntries(Object.keys(known).map((key) => [key, read.value[key as keyof Settings]]));
  // A misspelt key in an IT preset would otherwise leave its setting at the default unnoticed.
  const unknownKeys = Object.keys(data).filter((key) => !Object.hasOwn(SettingsFields, key));
  if (unknownKeys.length === 0) return { own, problem: null };
  logger.warn({ file, keys: unknownKeys }, 'settings file has keys Handoff does not use; ignoring them');
  return { own, problem: text('settings.problem.unknownKeys', { file, unknown: unknownKeys, known: Object.keys(SettingsFields) }) };
}

async function setAside(file: string, unusable: Unusable, logger: Logger): Promise<Loaded> {
  // Every choice's params are given, so no branch of the message meets an argument it lacks.
  const why = { why: unusable.why, error: unusable.error ?? '', field: unusable.field ?? '', problem: unusable.problem ?? '' };
  // What the log keeps: the choice and its facts, not the agent's sentence.
  const reason = { ...unusable, problem: unusable.problem?.id };
  const bad = `${file}.bad`;
  try {
    // rename replaces an older .bad on every platform Node runs on.
    await rename(file, bad);
  } catch (error) {
    logger.error({ err: error, file, reason }, 'settings file is unusable and could not be moved aside');
    return { own: {}, problem: text('settings.problem.notMovedAside', { file, ...why, moveError: reasonOf(error) }) };
  }
  logger.error({ file, movedTo: bad, reason }, 'settings file is unusable; moved aside');
  return { own: {}, problem: text('settings.problem.movedAside', { file, bad, ...why }) };
}

/**
 * The base URL override from the environment; an unusable one is ignored and reported, never
 * half-used. Where policy enforces the base URL it is ignored too: an agent can set a variable.
 */
function readOverride(
  env: SettingsStoreOptions['env'],
  enforced: boolean,
  logger: Logger,
): { url: string | null; problem: Text | null } {
  const content = env[ENV_BASE_URL];
  if (content === undefined || content.trim() === '') return { url: null, problem: null };
  if (enforced) {
    logger.warn({ variable: ENV_BASE_URL }, 'environment override ignored: policy enforces the base URL');
    return { url: null, problem: text('settings.problem.envEnforced', { variable: ENV_BASE_URL }) };
  }
  const parsed = v.safeParse(PhloBaseUrlSchema, content);
  if (parsed.success) return { url: withOneSlash(parsed.output), problem: null };
  const problem = issueText(parsed.issues[0]);
  logger.warn({ variable: ENV_BASE_URL, reason: problem.id }, 'environment override ignored');
  return { url: null, problem: text('settings.problem.envInvalid', { variable: ENV_BASE_URL, problem }) };
}

/** The one place a change becomes settings: schema first, then the rules a schema cannot express. */
function applyPatch(
  base: Settings,
  patch: unknown,
  schema: typeof SettingsFileSchema | typeof SettingsPatchSchema,
): Result<Settings> {
  const parsed = v.safeParse(schema, patch);
  if (!parsed.success) {
    const [issue] = parsed.issues;
    const field = issue.path?.[0]?.key;
    return fail('invalid_input', issueText(issue), typeof field === 'string' ? { field } : undefined);
  }
  // The schema's output holds exactly the Settings fields given, each already checked.
  const changes = Object.fromEntries(Object.entries(parsed.output).filter(([, value]) => value !== undefined)) as Partial<Settings>;
  const next: Settings = { ...base, ...changes };
  let agentAddress = next.agentAddress;
  if (agentAddress !== null) {
    // Stored as Plivo takes it, read with the country the same change leaves in place.
    const address = parseAddress(agentAddress, next.defaultCountry);
    if (!address.ok) return fail('invalid_address', address.error.message, { field: 'agentAddress' });
    agentAddress = address.value;
  }
  return ok({ ...next, agentAddress, phloBaseUrl: withOneSlash(next.phloBaseUrl) });
}

/** Request paths are appended to the base URL, so it must end in exactly one slash. */
function withOneSlash(url: string): string {
  return `${url.replace(/\/+$/, '')}/`;
}

/** An error's own words, for a sentence an agent or an admin can act on; the policy files reuse it. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

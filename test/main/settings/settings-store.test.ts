import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../main/contract/domain';
import { createLogger } from '../../../main/log/logger';
import { createSettingsStore, type SettingsStore } from '../../../main/settings/settings-store';
import { english } from '../../support/english';

const PHLO_ID = '73d6ab01-a2f6-4a84-850f-21e1d46b30bf';
const NODE_ID = 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a';
const DEFAULTS: Settings = {
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

let root: string;
let dataDir: string;
let logDir: string;
const settingsFile = () => join(dataDir, 'settings.json');
const open = (env: Record<string, string | undefined> = {}) =>
  createSettingsStore({ dataDir, env, logger: createLogger({ dataDir: logDir }) });
const preset = (content: unknown) =>
  writeFile(settingsFile(), typeof content === 'string' ? content : JSON.stringify(content));
const logText = () => readFile(join(logDir, 'logs', 'handoff.log'), 'utf8');
/** The settings problems as the agent reads them in English, one paragraph a line; null when there is none. */
const said = (store: SettingsStore) => store.problems().map(english).join('\n') || null;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'handoff-settings-'));
  dataDir = join(root, 'data');
  // The log lives apart from the data folder, so the folder holds only what the store wrote.
  logDir = join(root, 'log');
  await mkdir(dataDir);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loading', () => {
  it('uses the defaults, with no problem and no file written, when there is no settings file', async () => {
    const store = await open();
    expect(store.view()).toEqual({
      settings: DEFAULTS,
      agentDisplayAddress: null,
      effectivePhloBaseUrl: DEFAULTS.phloBaseUrl,
      editable: true,
      enforced: [],
    });
    expect(said(store)).toBeNull();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('reads a file IT preset, normalising it, defaulting missing fields, and names the keys it ignores', async () => {
    await preset({
      phloId: PHLO_ID,
      nodeId: NODE_ID,
      agentAddress: '(415) 222-5555',
      defaultRole: 'customer',
      phloBaseUrl: 'http://127.0.0.1:8080/v1//',
      theme: 'dark',
    });
    const store = await open();
    expect(store.view()).toEqual({
      settings: {
        ...DEFAULTS,
        phloId: PHLO_ID,
        nodeId: NODE_ID,
        agentAddress: '+14152225555',
        defaultRole: 'customer',
        phloBaseUrl: 'http://127.0.0.1:8080/v1/',
      },
      // Formatted by the core: the window has no address metadata of its own.
      agentDisplayAddress: '(415) 222-5555',
      effectivePhloBaseUrl: 'http://127.0.0.1:8080/v1/',
      editable: true,
      enforced: [],
    });
    // A misspelt key would leave its setting at the default: the agent and IT hear of it.
    expect(said(store)).toMatch(/settings\.json has settings Handoff does not know, which it ignores: theme\. The known ones are phloId, /);
    const warning = (await logText()).split('\n').find((line) => line.includes('"theme"'));
    expect(warning && JSON.parse(warning)).toMatchObject({ level: 40, keys: ['theme'] });
  });

  it('forgets a problem with the old file once the agent saves settings', async () => {
    await preset({ phloID: PHLO_ID });
    const store = await open();
    expect(said(store)).toMatch(/phloID/);
    expect((await store.update({ phloId: PHLO_ID })).ok).toBe(true);
    expect(said(store)).toBeNull();
  });

  it('reads the agent number with the country the file sets', async () => {
    await preset({ defaultCountry: 'gb', agentAddress: '020 7946 0018' });
    const { settings } = (await open()).view();
    expect(settings).toMatchObject({ defaultCountry: 'GB', agentAddress: '+442079460018' });
  });

  it('moves a file that is not JSON aside, replacing an older .bad, and reports it until dismissed', async () => {
    await writeFile(`${settingsFile()}.bad`, 'older');
    await preset('{ "phloId": ');
    const store = await open();
    expect(store.view().settings).toEqual(DEFAULTS);
    expect(said(store)).toMatch(/settings\.json\.bad .*not valid JSON/);
    store.view();
    expect(said(store)).toMatch(/not valid JSON/);
    store.dismissProblem();
    expect(said(store)).toBeNull();
    expect(await readFile(`${settingsFile()}.bad`, 'utf8')).toBe('{ "phloId": ');
    expect(await readdir(dataDir)).toEqual(['settings.json.bad']);
  });

  it.each([
    ['phloId', { phloId: 'not-a-uuid' }, /"phloId" is invalid: The PHLO ID must be a UUID/],
    ['defaultRole', { defaultRole: 'boss' }, /"defaultRole" is invalid/],
    ['requestTimeoutMs', { requestTimeoutMs: 5 }, /"requestTimeoutMs" is invalid: The request timeout must be at least 1000 ms\./],
    ['defaultCountry', { defaultCountry: 'ZZ' }, /"defaultCountry" is invalid: That is not a country code Handoff knows/],
    ['phloBaseUrl', { phloBaseUrl: 'http://phlo.example.com/v1/' }, /"phloBaseUrl" is invalid: The PHLO base URL must use https/],
    ['agentAddress', { agentAddress: '12' }, /"agentAddress" is invalid: 12 is too short/],
    ['a JSON array', [PHLO_ID], /does not hold a JSON object/],
  ])('moves a file with an invalid %s aside and names it in the problem', async (_name, content, problem) => {
    await preset(content);
    const store = await open();
    expect(store.view().settings).toEqual(DEFAULTS);
    expect(said(store)).toMatch(problem);
    expect(said(store)).toMatch(/\.$/);
    expect(JSON.parse(await readFile(`${settingsFile()}.bad`, 'utf8'))).toEqual(content);
    expect(await readdir(dataDir)).toEqual(['settings.json.bad']);
  });

  it('uses the defaults and reports it when the file cannot be read, without moving anything', async () => {
    await mkdir(settingsFile());
    const store = await open();
    expect(store.view().settings).toEqual(DEFAULTS);
    expect(said(store)).toMatch(/could not read .*settings\.json/);
    expect(await readdir(dataDir)).toEqual(['settings.json']);
  });
});

describe('HANDOFF_PHLO_BASE_URL', () => {
  it('overrides the stored base URL, normalised, without changing the stored one', async () => {
    const store = await open({ HANDOFF_PHLO_BASE_URL: 'http://localhost:4010/v1' });
    expect(store.effectivePhloBaseUrl()).toBe('http://localhost:4010/v1/');
    expect(store.view()).toMatchObject({ settings: DEFAULTS, effectivePhloBaseUrl: 'http://localhost:4010/v1/' });
    expect(said(store)).toBeNull();
  });

  it('is ignored when unusable, and that is reported until dismissed', async () => {
    const store = await open({ HANDOFF_PHLO_BASE_URL: 'http://phlo.example.com/v1/' });
    expect(store.effectivePhloBaseUrl()).toBe(DEFAULTS.phloBaseUrl);
    expect(store.view().effectivePhloBaseUrl).toBe(DEFAULTS.phloBaseUrl);
    expect(said(store)).toMatch(/^HANDOFF_PHLO_BASE_URL is ignored: The PHLO base URL must use https/);
    store.view();
    expect(said(store)).toMatch(/HANDOFF_PHLO_BASE_URL is ignored/);
  });

  it('reports a bad environment override and a bad file together', async () => {
    await preset('nope');
    const store = await open({ HANDOFF_PHLO_BASE_URL: 'ftp://localhost/' });
    // One paragraph each.
    expect(store.problems().map(english)).toEqual([expect.stringMatching(/not valid JSON/), expect.stringMatching(/^HANDOFF_PHLO_BASE_URL is ignored/)]);
  });
});

describe('update', () => {
  const saved = {
    phloId: PHLO_ID,
    nodeId: NODE_ID,
    agentAddress: '+14152225555',
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
  } satisfies Settings;

  it.each([
    ['phloId', { phloId: 'not-a-uuid' }, 'invalid_input', /The PHLO ID must be a UUID/],
    ['nodeId', { nodeId: '1234' }, 'invalid_input', /The node ID must be a UUID/],
    ['defaultCountry', { defaultCountry: 'ZZ' }, 'invalid_input', /not a country code Handoff knows/],
    ['defaultCountry', { defaultCountry: 'USA' }, 'invalid_input', /two-letter code/],
    ['agentAddress', { agentAddress: '12' }, 'invalid_address', /too short/],
    ['agentAddress', { agentAddress: 'call me' }, 'invalid_address', /only digits/],
    // Only settings.json and HANDOFF_PHLO_BASE_URL say where requests (and so the credentials) go.
    // Valibot's own words are for developers: the agent reads the one refusal that fits every field.
    ['phloBaseUrl', { phloBaseUrl: 'https://attacker.example/v1/' }, 'invalid_input', /^Handoff cannot use that value\.$/],
    ['requestTimeoutMs', { requestTimeoutMs: 999 }, 'invalid_input', /at least 1000 ms/],
    ['requestTimeoutMs', { requestTimeoutMs: 60001 }, 'invalid_input', /at most 60000 ms/],
    ['requestTimeoutMs', { requestTimeoutMs: 1500.5 }, 'invalid_input', /^Handoff cannot use that value\.$/],
    ['defaultRole', { defaultRole: 'boss' }, 'invalid_input', /^Handoff cannot use that value\.$/],
    ['colour', { colour: 'red' }, 'invalid_input', /^Handoff cannot use that value\.$/],
  ])('refuses a bad %s (%j), changing nothing on disk or in memory', async (field, patch, code, message) => {
    await preset(saved);
    const store = await open();
    const before = await readFile(settingsFile(), 'utf8');
    // A valid field beside the bad one must not slip through either.
    const result = await store.update({ ...patch, requestTimeoutMs: (patch as { requestTimeoutMs?: number }).requestTimeoutMs ?? 20000 });
    expect(result).toMatchObject({ ok: false, error: { code, detail: { field } } });
    expect(result.ok ? '' : english(result.error.message)).toMatch(message);
    expect(await readFile(settingsFile(), 'utf8')).toBe(before);
    expect(store.current()).toEqual(saved);
  });

  it('refuses a patch that is not an object', async () => {
    const store = await open();
    const result = await store.update('phloId');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('stores (415) 222-5555 as +14152225555, in memory and on disk', async () => {
    const store = await open();
    const result = await store.update({ agentAddress: '(415) 222-5555' });
    expect(result).toMatchObject({ ok: true, value: { settings: { agentAddress: '+14152225555' } } });
    expect(store.current().agentAddress).toBe('+14152225555');
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ agentAddress: '+14152225555' });
  });

  it('reads the agent number with the country set in the same change', async () => {
    const store = await open();
    const result = await store.update({ defaultCountry: 'gb', agentAddress: '020 7946 0018' });
    expect(result).toMatchObject({ ok: true, value: { settings: { defaultCountry: 'GB', agentAddress: '+442079460018' } } });
  });

  it('writes what the agent set as valid JSON, owner-only, leaving no temporary file', async () => {
    const store = await open();
    await store.update({ phloId: PHLO_ID });
    // Sent as it already is (the form sends every field): not the agent's own choice, so not stored.
    await store.update({ nodeId: NODE_ID, defaultRole: 'agent' });
    const expected = { ...DEFAULTS, phloId: PHLO_ID, nodeId: NODE_ID };
    // Defaults stay out of the file, so a default IT changes later still reaches this agent.
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ phloId: PHLO_ID, nodeId: NODE_ID });
    expect(store.current()).toEqual(expected);
    expect(await readdir(dataDir)).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect((await stat(settingsFile())).mode & 0o777).toBe(0o600);
    // What was written is what the next start reads.
    expect((await open()).current()).toEqual(expected);
  });

  it('applies changes made at the same time one after another, losing none', async () => {
    const store = await open();
    await Promise.all([store.update({ phloId: PHLO_ID }), store.update({ nodeId: NODE_ID })]);
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ phloId: PHLO_ID, nodeId: NODE_ID });
  });

  it.each([1000, 60000])('accepts a request timeout of %i ms', async (requestTimeoutMs) => {
    const store = await open();
    expect(await store.update({ requestTimeoutMs })).toMatchObject({ ok: true, value: { settings: { requestTimeoutMs } } });
  });

  it('creates the data folder on first save', async () => {
    await rm(dataDir, { recursive: true });
    const store = await open();
    expect((await store.update({ phloId: PHLO_ID })).ok).toBe(true);
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ phloId: PHLO_ID });
  });

  it('keeps memory unchanged and says where when the file cannot be written', async () => {
    const store = await open();
    // A plain file where the data folder should be: neither mkdir nor the write can succeed.
    await rm(dataDir, { recursive: true });
    await writeFile(dataDir, '');
    const result = await store.update({ phloId: PHLO_ID });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(result.ok ? '' : english(result.error.message)).toMatch(/^Handoff could not save the settings to .*settings\.json \(.*\); nothing was changed\.$/);
    expect(result.ok ? '' : english(result.error.message)).toContain(settingsFile());
    expect(store.current()).toEqual(DEFAULTS);
  });
});
